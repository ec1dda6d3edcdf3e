import type { Command } from 'commander';

/** Exit codes of the contract: 0 ok, 1 some input was bad (the rest still processed), 2 usage. */
export const ExitCode = { ok: 0, badInput: 1, usage: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/**
 * A top-level command. `register` adds it (and its subcommands) to the program; actions
 * report their exit code through `setExit`, so that tests can run `main()` in-process.
 */
export interface CliCommand {
  register(program: Command, io: CliIo, setExit: (code: ExitCode) => void): void;
}

/** Thrown for wrong arguments found after parsing (e.g. a bad --format value). Exit code 2. */
export class UsageError extends Error {}
