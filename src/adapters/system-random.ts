import { randomFillSync } from 'node:crypto';
import type { Random } from '../core/shared/random.js';

// Random bytes are drawn from the OS 4 KiB at a time: one randomBytes(16) per id cost ~12% of a
// ticket create under load (a ticket, its history, promise and timers each take an id), measured.
const pool = new Uint8Array(4096);
let used = pool.length;

/**
 * The operating system's CSPRNG, the Random port of the running system. It lives in the adapters
 * because drawing entropy reads the machine; `app.ts` passes it, tests may pass `seededRandom`.
 */
export const systemRandom: Random = {
  fill(into) {
    if (into.length > pool.length) {
      randomFillSync(into);
      return;
    }
    if (used + into.length > pool.length) {
      randomFillSync(pool);
      used = 0;
    }
    into.set(pool.subarray(used, used + into.length));
    used += into.length;
  },
};
