import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../../config.js';
import type { CliIo } from './cli-command.js';

/**
 * The CLI's one way to the typed configuration: the same `loadConfig` the server uses, read from the
 * command's environment when an action runs (not when commands are registered, so `--help` works
 * whatever the environment holds). It loads only `config.ts` (zod, which every command already has),
 * never the application: `kefu kpi` stays free of database drivers. Defaults live in `config.ts` only.
 */
export function cliConfig(io: CliIo): Config {
  return loadConfig(io.env, io.cwd);
}

/**
 * Whether the centre has a database a read-only command may consult: PostgreSQL when DATABASE_URL is
 * set, else the SQLite file the server creates in the data directory (`kefu.sqlite`, see
 * adapters/db/database.ts). Queries never create one just to answer.
 */
export function databaseExists(config: Pick<Config, 'databaseUrl' | 'dataDir'>): boolean {
  return Boolean(config.databaseUrl) || existsSync(path.join(config.dataDir, 'kefu.sqlite'));
}
