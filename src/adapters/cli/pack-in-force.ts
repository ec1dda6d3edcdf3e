import { filePackLoader, type PackLoader } from '../standard-files.js';
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
