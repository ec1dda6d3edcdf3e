import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';
import { base64url, seededRandom } from './random.js';

describe('newId', () => {
  it('sorts by creation time and does not repeat', () => {
    const random = seededRandom(1);
    const a = newId(random, 1_700_000_000_000);
    const b = newId(random, 1_700_000_000_001);
    expect(a < b).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => newId(random, 0))).size).toBe(1000);
  });

  it('gives the same ids from the same seed, and others from another seed', () => {
    const run = (seed: number) => {
      const r = seededRandom(seed);
      return [newId(r, 5, 'tk_'), newId(r, 5, 'tk_')];
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });
});

describe('base64url', () => {
  it('writes what Buffer writes, for every tail length', () => {
    const r = seededRandom(3);
    for (let n = 0; n < 40; n++) {
      const bytes = new Uint8Array(n);
      r.fill(bytes);
      expect(base64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
    }
  });
});
