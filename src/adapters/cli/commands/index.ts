import type { CliCommand } from '../cli-command.js';
import { calendarCommand } from './calendar.js';
import { callbackCommand } from './callback.js';
import { startCommand } from './start.js';
import { userCommand } from './user.js';
import { dbCommand } from './db.js';
import { kpiCommand } from './kpi.js';
import { importCommand } from './import.js';
import { qaCommand } from './qa.js';
import { standardCommand } from './standard.js';
import { connectCommand } from './connect.js';
import { backupCommand } from './backup.js';
import { customerCommand } from './customer.js';
import { knowledgeCommand } from './knowledge.js';

// Every top-level `kefu` command, in the order `kefu --help` lists them. A new command is one
// file in this folder plus one line here.
export const commands: CliCommand[] = [
  calendarCommand,
  callbackCommand,
  startCommand,
  userCommand,
  dbCommand,
  kpiCommand,
  importCommand,
  qaCommand,
  standardCommand(),
  connectCommand,
  backupCommand,
  customerCommand,
  knowledgeCommand,
];
