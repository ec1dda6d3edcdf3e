import { randomBytes } from 'node:crypto';

// Sortable, URL-safe ids: 10 chars of time (base32, ms) + 16 random chars. Text ids keep the
// schema identical on SQLite and PostgreSQL (no autoincrement dialects) and sort by creation.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export function newId(nowMs: number, prefix = ''): string {
  let t = nowMs;
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (const b of bytes) rand += ALPHABET[b % 32];
  return prefix + time + rand;
}
