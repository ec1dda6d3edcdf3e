/**
 * Randomness for the core, passed in like the Clock: the running system passes `systemRandom`
 * (`adapters/system-random.ts`, the operating system's CSPRNG, because session and API tokens are
 * drawn from it); tests may pass `seededRandom(seed)` to get the same ids and tokens on every run.
 */
export interface Random {
  /** Fills `into` with random bytes. */
  fill(into: Uint8Array): void;
}

/** `n` random bytes. */
export function randomBytes(random: Random, n: number): Uint8Array {
  const out = new Uint8Array(n);
  random.fill(out);
  return out;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Unpadded base64url, as `Buffer#toString('base64url')` writes it (the core uses no Node globals). */
export function base64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]! + B64URL[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]!;
  }
  return out;
}

/** A secret of `nBytes` random bytes, base64url: session cookies, CSRF and API tokens. */
export function randomToken(random: Random, nBytes: number): string {
  return base64url(randomBytes(random, nBytes));
}

/**
 * A repeatable generator for tests and samples that must come out the same (sfc32 seeded from one
 * number). Not for secrets: the running system passes the operating system's generator.
 */
export function seededRandom(seed: number): Random {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 ^ Math.imul(seed, 0x85ebca6b);
  let c = 0xb7e15162;
  let d = 1;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    fill(into) {
      for (let i = 0; i < into.length; i += 4) {
        const n = next();
        for (let k = 0; k < 4 && i + k < into.length; k++) into[i + k] = (n >>> (8 * k)) & 0xff;
      }
    },
  };
}
