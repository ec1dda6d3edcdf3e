import { PassThrough, Readable } from 'node:stream';
import { main } from './main.js';
import type { CliIo } from './cli-command.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `kefu <args>` in-process with captured output; `stdin` feeds standard input. */
export async function runCli(args: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliRun> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  err.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const io: CliIo = {
    stdout: out,
    stderr: err,
    stdin: Readable.from(opts.stdin === undefined ? [] : [Buffer.from(opts.stdin, 'utf8')]),
    env: { ...process.env, ...opts.env },
    cwd: opts.cwd ?? process.cwd(),
  };
  const code = await main(['node', 'kefu', ...args], io);
  out.end();
  err.end();
  return { code, stdout, stderr };
}
