import type { CliCommand } from '../cli-command.js';

// Every top-level `kefu` command, in the order `kefu --help` lists them. A new command is one
// file in this folder plus one line here.
export const commands: CliCommand[] = [];
