import type { Command } from 'commander';
import type { CliCommand, CliIo, ExitCode } from '../cli-command.js';
import { callImportSubcommands } from './import-calls.js';
import { customerImportSubcommand } from './import-customers.js';
import { transcriptImportSubcommand } from './import-transcripts.js';

/** One `kefu import <what>` subcommand; each module adds its own to the list below. */
export interface ImportSubcommand {
  register(group: Command, io: CliIo, setExit: (code: ExitCode) => void): void;
}

// `kefu import queue-log|cdr|customers …`: a new kind of import is one entry here.
export const importSubcommands: ImportSubcommand[] = [...callImportSubcommands, customerImportSubcommand, transcriptImportSubcommand];

export const importCommand: CliCommand = {
  register(program, io, setExit) {
    const group = program
      .command('import')
      .description('Load files into the database (queue_log, CDR, …). Idempotent: a second run of the same file adds nothing.');
    for (const s of importSubcommands) s.register(group, io, setExit);
  },
};
