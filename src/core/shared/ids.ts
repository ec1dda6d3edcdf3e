import type { Random } from './random.js';

// Sortable, URL-safe ids: 10 chars of time (base32, ms) + 16 random chars. Text ids keep the
// schema identical on SQLite and PostgreSQL (no autoincrement dialects) and sort by creation.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

// One buffer for the random tail: an id is drawn many times per command (a ticket, its history,
// promise and timers each take one), so no allocation per id.
const tail = new Uint8Array(16);

/** A new id at `nowMs`, its random tail drawn from `random` (the Random port). */
export function newId(random: Random, nowMs: number, prefix = ''): string {
  let t = nowMs;
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  random.fill(tail);
  let rand = '';
  for (let i = 0; i < 16; i++) rand += ALPHABET[(tail[i] as number) % 32];
  return prefix + time + rand;
}
