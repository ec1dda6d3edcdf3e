import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { AppError } from '../core/shared/app-error.js';
import { parsePackText } from '../core/standard/validate.js';
import type { StandardPack } from '../core/standard/schema.js';

/** The default pack shipped with Kefu, next to the code that reads it. */
export const defaultPackUrl = new URL('../core/standard/default-pack.yaml', import.meta.url);

let defaultPack: StandardPack | undefined;

/** The built-in default standard pack (read and validated once). */
export function loadDefaultPack(): StandardPack {
  if (defaultPack) return defaultPack;
  const result = parsePackText(readFileSync(defaultPackUrl, 'utf8'));
  if (!result.ok) throw AppError.validation('the built-in default standard pack is invalid', result.errors);
  return (defaultPack = result.pack);
}

/** A pack from a YAML/JSON file; throws AppError VALIDATION with path-named errors. */
export async function loadPackFile(path: string): Promise<StandardPack> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw AppError.validation(`cannot read standard pack ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const result = parsePackText(text);
  if (!result.ok) throw AppError.validation(`standard pack ${path} is invalid`, result.errors);
  return result.pack;
}

/**
 * Where the pack in force comes from. The CLI uses files; the server will swap in one that reads
 * the active pack from the database.
 */
export type PackLoader = (explicitPath?: string) => Promise<StandardPack>;

export const filePackLoader: PackLoader = async (explicitPath) => (explicitPath ? loadPackFile(explicitPath) : loadDefaultPack());
