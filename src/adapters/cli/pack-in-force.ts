import { defaultPackUrl, filePackLoader, type PackLoader } from '../standard-files.js';
import type { CliIo } from './cli-command.js';
import { cliConfig, databaseExists } from './cli-config.js';
import { withApp } from './with-app.js';

/**
 * The pack the CLI judges by: an explicit `--standard` file; else the version in force in the
 * centre's database (PostgreSQL when DATABASE_URL is set, or an existing SQLite file in the data
 * directory); else the built-in default. A bare `kefu qa` on a machine with no server data never
 * creates a database just to answer.
 */
export function packInForceLoader(io: CliIo): PackLoader {
  return async (explicitPath) => {
    if (explicitPath) return filePackLoader(explicitPath);
    if (!databaseExists(cliConfig(io))) return filePackLoader();
    return withApp(io, async (ctx) => (await ctx.standard.active()).pack);
  };
}

/**
 * The text of the pack in force, comments and all, from the same place `packInForceLoader` reads
 * it: `kefu standard show` prints what the centre wrote, not a re-serialisation without the
 * reasons the pack gives for its phrase sets.
 */
export async function packSourceInForce(io: CliIo, explicitPath?: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  if (explicitPath) {
    await filePackLoader(explicitPath); // validates, with the path-named errors of a bad file
    return readFile(explicitPath, 'utf8');
  }
  if (!databaseExists(cliConfig(io))) return readFile(defaultPackUrl, 'utf8');
  return withApp(io, async (ctx) => (await ctx.standard.active()).source);
}
