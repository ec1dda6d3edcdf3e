import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.js';
import { ExitCode, UsageError, type CliIo } from './cli-command.js';
import { isAppError } from '../../core/shared/app-error.js';
import { translateDbError } from '../db/db-errors.js';
import pkg from '../../../package.json' with { type: 'json' };

export function buildProgram(io: CliIo, setExit: (code: ExitCode) => void): Command {
  const program = new Command('kefu')
    .description('Kefu 客服中心平台 — answer, time and check every call, chat, visit, ticket and callback against your written service standard.')
    .version(pkg.version)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  for (const c of commands) c.register(program, io, setExit);
  // Usage errors exit 2 everywhere, help/version exit 0 (commander's own default is 1).
  const applyExit = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.commands.forEach(applyExit);
  };
  applyExit(program);
  return program;
}

/** Runs the CLI in-process and returns the exit code (bin/kefu.js sets process.exitCode). */
export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  let exit: ExitCode = ExitCode.ok;
  const program = buildProgram(io, (code) => {
    // The worst outcome wins: a usage error beats bad input beats ok.
    if (code > exit) exit = code;
  });
  if (argv.length <= 2) {
    program.outputHelp();
    return ExitCode.ok;
  }
  try {
    await program.parseAsync(argv);
    return exit;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return ExitCode.ok;
      return ExitCode.usage;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`kefu: ${e.message}\n`);
      return ExitCode.usage;
    }
    const known = isAppError(e) ? e : translateDbError(e);
    if (known) {
      io.stderr.write(`kefu: ${known.message}\n`);
      for (const f of known.fields ?? []) io.stderr.write(`  ${f.path}: ${f.message}\n`);
      return ExitCode.badInput;
    }
    io.stderr.write(`kefu: ${e instanceof Error ? e.message : String(e)}\n`);
    return ExitCode.badInput;
  }
}

export function defaultIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}
