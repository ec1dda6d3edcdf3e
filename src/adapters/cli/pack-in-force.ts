import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config.js';
import { filePackLoader, type PackLoader } from '../standard-files.js';
import type { CliIo } from './cli-command.js';
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
    const config = loadConfig(io.env, io.cwd);
    const hasDatabase = Boolean(config.databaseUrl) || fs.existsSync(path.join(config.dataDir, 'kefu.sqlite'));
    if (!hasDatabase) return filePackLoader();
    return withApp(io, async (ctx) => (await ctx.standard.active()).pack);
  };
}
