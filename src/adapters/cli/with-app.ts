import type { AppContext } from '../../app.js';
import type { CliIo } from './cli-command.js';
import { cliConfig } from './cli-config.js';

/**
 * Opens the configured database (migrating it), runs `fn`, and always closes it. The application
 * (database drivers, server, Chinese dictionaries: ~75 MB) is loaded only here, so commands that
 * need none of it (`kefu kpi`, `kefu qa`, `--help`) start faster and smaller.
 */
export async function withApp<T>(io: CliIo, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const { createAppContext } = await import('../../app.js');
  const ctx = await createAppContext(cliConfig(io), { live: false });
  try {
    const result = await fn(ctx);
    // Other server processes may cache what the command changed (users, calendars, the pack…):
    // on PostgreSQL they are told to forget everything (issue #20). Nothing to tell on SQLite.
    if (ctx.database.dialect === 'postgres') await ctx.changes.signal('*').catch(() => undefined);
    return result;
  } finally {
    await ctx.close();
  }
}

/**
 * Reads a secret: the first line of standard input when it is piped (scripts, CI), or a prompt
 * with echo off on a terminal.
 */
export async function readSecret(io: CliIo, prompt: string): Promise<string> {
  const stdin = io.stdin as NodeJS.ReadStream;
  if (stdin.isTTY && typeof stdin.setRawMode === 'function') {
    io.stderr.write(prompt);
    return new Promise((resolve) => {
      let value = '';
      stdin.setRawMode(true);
      stdin.resume();
      const onData = (d: Buffer) => {
        for (const ch of d.toString('utf8')) {
          if (ch === '\r' || ch === '\n') {
            stdin.setRawMode(false);
            stdin.pause();
            stdin.off('data', onData);
            io.stderr.write('\n');
            return resolve(value);
          }
          if (ch === '\u0003') process.exit(130);
          if (ch === '\u007f') value = value.slice(0, -1);
          else value += ch;
        }
      };
      stdin.on('data', onData);
    });
  }
  let all = '';
  for await (const chunk of io.stdin) all += chunk.toString();
  return (all.split(/\r?\n/)[0] ?? '').trim();
}
