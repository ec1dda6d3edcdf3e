/**
 * Seeded randomness for the review sample (QA-SAMPLE). The core never draws randomness of its own:
 * the caller passes a seed (recorded with the month's sample), and everything drawn from it can be
 * drawn again, so a sample can be checked and explained after the fact.
 */

/** mulberry32: a small 32-bit generator, uniform enough for sampling and identical on every platform. */
export function seededPrng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string, 32 bits. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The draw position of one item under a seed: the first number of a generator seeded with the
 * seed and the item's id. Each item's position depends on the seed and on nothing else — not on
 * which other calls exist yet — so a sample topped up later keeps every call it already chose and
 * a top-up never redraws.
 */
export function drawRank(seed: number, itemId: string): number {
  return seededPrng((seed ^ hash32(itemId)) >>> 0)();
}
