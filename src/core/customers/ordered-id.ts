import { newId } from '../shared/ids.js';
import type { Random } from '../shared/random.js';

// Histories are written several entries per command, often in the same millisecond; newId's
// random tail would shuffle those. These ids sort by time, then by write order in this process.
let counter = 0;

export function orderedId(random: Random, at: number, prefix: string): string {
  counter = (counter + 1) % 1_000_000;
  const base = newId(random, at);
  return `${prefix}${base.slice(0, 10)}${String(counter).padStart(6, '0')}${base.slice(10, 20)}`;
}
