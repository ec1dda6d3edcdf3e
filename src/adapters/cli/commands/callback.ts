import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../cli-command.js';
import { withApp } from '../with-app.js';
import { answerEachLine, coverageWarner } from '../line-queries.js';
import { ConfigError, loadConfig } from '../../../config.js';
import { filePackLoader } from '../../standard-files.js';
import { AppError, isAppError } from '../../../core/shared/app-error.js';
import { timeZone } from '../../../core/calendar/time-zone.js';
import { officialYears as shippedYears } from '../../../core/calendar/data/official-holidays.js';
import type { YearData } from '../../../core/calendar/holiday-data.js';
import type { CallbackSettings, NumberKind } from '../../../core/standard/callback-schema.js';
import { createCallbackRules, type CallbackRules } from '../../../core/callbacks/callback-rules.js';
import type { CompiledPrefs } from '../../../core/callbacks/calling-windows.js';
import type { Coverage } from '../../../core/calendar/calendar.js';
import { planCampaign } from '../../../core/callbacks/plan-campaign.js';
import { parsePlanFile, renderPlanSummary } from './callback-plan-file.js';
import { planStoredCampaign } from '../../../core/callbacks/plan-stored-campaign.js';

interface QueryOptions {
  stdin?: boolean;
  tz?: string;
  number?: string;
  customerTz?: string;
  doNotCall?: string;
}

/** The callback settings and official years in force: the database's when there is one, else the shipped ones. */
interface InForce {
  settings: CallbackSettings;
  years: readonly YearData[];
  zone: string;
}

/**
 * The zone (KEFU_TZ through config.ts, or --tz), and the pack and holiday years in force: from the
 * centre's database when one exists (as `kefu calendar` and `kefu standard show` do; a query never
 * creates one), else the built-in pack and the shipped official years.
 */
async function inForce(io: CliIo, tz: string | undefined): Promise<InForce> {
  let config;
  try {
    config = loadConfig(io.env, io.cwd);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  const zone = tz ?? config.timeZone;
  try {
    timeZone(zone, 'tz');
  } catch (e) {
    throw new UsageError(isAppError(e) ? e.message : String(e));
  }
  const hasDatabase = Boolean(config.databaseUrl) || fs.existsSync(path.join(config.dataDir, 'kefu.sqlite'));
  if (!hasDatabase) return { settings: (await filePackLoader()).callbacks, years: shippedYears, zone };
  return withApp(io, async (app) => ({ settings: (await app.standard.active()).pack.callbacks, years: await app.calendars.officialYears(), zone }));
}

function parseNumberKind(text: string | undefined, where: string): NumberKind {
  if (text === 'home' || text === 'work') return text;
  const message = `${where}: expected --number home or --number work${text === undefined ? '' : `, got "${text}"`}`;
  throw AppError.validation(message, [{ path: 'number', message }]);
}

/** `--do-not-call 21:00-09:00,12:30-13:30` → intervals. */
function parseDoNotCall(text: string | undefined): { start: string; end: string }[] | undefined {
  if (text === undefined) return undefined;
  return text.split(',').map((part) => {
    const m = /^\s*(\d{2}:\d{2})\s*[-–]\s*(\d{2}:\d{2})\s*$/.exec(part);
    if (!m) throw new UsageError(`--do-not-call: expected HH:MM-HH:MM[,HH:MM-HH:MM…], got "${part}"`);
    return { start: m[1]!, end: m[2]! };
  });
}

interface Query {
  usage: string;
  description: string;
  takesNumber: boolean;
  answer(args: string[], ctx: QueryContext): string;
}

interface QueryContext {
  rules: CallbackRules;
  prefs: CompiledPrefs;
  defaultNumber: string | undefined;
  /** Warns (once per year) when an answer rests on a year without official holiday data. */
  noteCoverage(coverage: Coverage): void;
}

/** `<iso-datetime> [home|work]`: a line may name the number kind; else --number applies. */
function instantAndKind(args: string[], ctx: QueryContext, name: string): { at: number; kind: NumberKind } {
  if (args.length < 1 || args.length > 2) throw AppError.validation(`expected <iso-datetime> [home|work], got "${args.join(' ')}"`);
  const at = ctx.rules.calendar.parseInstant(args[0]!);
  return { at, kind: parseNumberKind(args[1] ?? ctx.defaultNumber, `callback ${name}`) };
}

/** Work numbers depend on which days are working days: say when that rests on a year without data. */
function noteDays(ctx: QueryContext, from: number, to: number): void {
  const calendar = ctx.prefs.calendar;
  ctx.noteCoverage(calendar.coverage(calendar.localOrdinal(from) - 1, calendar.localOrdinal(to)));
}

const queries: Record<'due' | 'next' | 'check', Query> = {
  due: {
    usage: '<solved-at>',
    description: 'print FIRST LAST: the first and last day (YYYY-MM-DD) of the callback window after a problem solved at <solved-at> (CB-AFTER: 1st–3rd working day, 调休 included)',
    takesNumber: false,
    answer(args, ctx) {
      if (args.length !== 1) throw AppError.validation(`expected <solved-at iso-datetime>, got "${args.join(' ')}"`);
      const w = ctx.rules.dueWindow(ctx.rules.calendar.parseInstant(args[0]!, 'solved-at'));
      ctx.noteCoverage(w);
      return `${w.first} ${w.last}`;
    },
  },
  next: {
    usage: '<iso-datetime>',
    description: 'print the first instant at or after <iso-datetime> when a callback to the number may be placed (CB-WINDOW), ISO-8601 with offset',
    takesNumber: true,
    answer(args, ctx) {
      const { at, kind } = instantAndKind(args, ctx, 'next');
      const next = ctx.rules.windows.next(at, kind, ctx.prefs);
      if (next === undefined) throw AppError.validation('no callable time within 400 days: check the calling windows and the do-not-call hours');
      if (kind === 'work') noteDays(ctx, at, next);
      return ctx.rules.calendar.formatInstant(next);
    },
  },
  check: {
    usage: '<iso-datetime>',
    description: 'print "callable", or "not callable: <rule> — <reason>" naming the CB-WINDOW rule (lunch, dinner, before-hours, after-hours, end-of-day, after-days-off, …)',
    takesNumber: true,
    answer(args, ctx) {
      const { at, kind } = instantAndKind(args, ctx, 'check');
      const v = ctx.rules.windows.check(at, kind, ctx.prefs);
      if (kind === 'work') noteDays(ctx, at, at);
      return v.callable ? 'callable' : `not callable: ${v.rule} — ${v.reason} / ${v.reasonEn}`;
    },
  },
};

const stdinHelp = `
With --stdin, each line of standard input is one query and gets one answer line, in order
(next/check lines may end in "home" or "work" instead of --number); a bad line gets an empty
answer line, its error on stderr with the line number, and exit code 1. Times are read and printed
in --tz (default $KEFU_TZ, else Asia/Shanghai); the calling windows are the customer's wall time
(--customer-tz, default the same zone). Exit codes: 0 ok, 1 bad input, 2 usage.
`;

async function runQuery(name: keyof typeof queries, positional: string[], opts: QueryOptions, io: CliIo, setExit: (code: ExitCode) => void): Promise<void> {
  const query = queries[name];
  if (opts.number !== undefined && opts.number !== 'home' && opts.number !== 'work') throw new UsageError(`--number must be home or work, got "${opts.number}"`);
  if (!opts.stdin && positional.length !== 1) throw new UsageError(`callback ${name}: expected ${query.usage}${query.takesNumber ? ' --number home|work' : ''}`);
  if (!opts.stdin && query.takesNumber && opts.number === undefined) throw new UsageError(`callback ${name}: --number home|work is required`);
  if (opts.stdin && positional.length > 0) throw new UsageError(`callback ${name} --stdin reads its queries from standard input; remove "${positional.join(' ')}"`);
  const doNotCall = parseDoNotCall(opts.doNotCall);
  const { settings, years, zone } = await inForce(io, opts.tz);
  let rules: CallbackRules;
  let prefs: CompiledPrefs;
  try {
    rules = createCallbackRules(settings, years, zone);
    prefs = rules.windows.prefs({ timeZone: opts.customerTz ?? null, doNotCall: doNotCall ?? null });
  } catch (e) {
    if (isAppError(e)) throw new UsageError(e.message);
    throw e;
  }
  let lineLabel = '';
  const noteCoverage = coverageWarner(io, () => lineLabel);
  const ctx: QueryContext = { rules, prefs, defaultNumber: opts.number, noteCoverage };

  if (!opts.stdin) {
    try {
      io.stdout.write(`${query.answer(positional, ctx)}\n`);
    } catch (e) {
      if (!isAppError(e)) throw e;
      io.stderr.write(`kefu: ${e.message}\n`);
      setExit(ExitCode.badInput);
    }
    return;
  }
  await answerEachLine(io, setExit, (args) => query.answer(args, ctx), { onLine: (label) => (lineLabel = label), keepBlank: true });
}

function addQuery(parent: Command, name: keyof typeof queries, io: CliIo, setExit: (code: ExitCode) => void): void {
  const query = queries[name];
  const cmd = parent
    .command(name)
    .description(query.description)
    .usage(`${query.usage}${query.takesNumber ? ' --number home|work' : ''} [--tz <zone>]  |  --stdin${query.takesNumber ? ' [--number home|work]' : ''} [--tz <zone>]`)
    .argument(`[${query.usage.replace(/[<>]/g, '')}]`, 'ISO-8601 date-time (e.g. 2025-10-09T08:00:00+08:00; without an offset it is read in --tz)');
  if (query.takesNumber) {
    cmd
      .option('--number <kind>', 'the number to call: home (住宅电话) or work (单位电话)')
      .option('--customer-tz <zone>', "the customer's IANA time zone, when recorded (default: --tz)")
      .option('--do-not-call <hours>', "the customer's own do-not-call hours, e.g. 21:00-09:00,12:30-13:30");
  }
  cmd
    .option('--stdin', 'read one query per line from standard input, print one answer per line')
    .option('--tz <zone>', 'IANA time zone (default: $KEFU_TZ, else Asia/Shanghai)')
    .addHelpText('after', stdinHelp)
    .action(async (datetime: string | undefined, opts: QueryOptions) => {
      await runQuery(name, datetime === undefined ? [] : [datetime], opts, io, setExit);
    });
}

/** `kefu callback plan <campaign-id>`: the stored campaign, planned as the API plans it. */
async function planFromDatabase(io: CliIo, setExit: (code: ExitCode) => void, campaignId: string, o: { dryRun: boolean; format: string }): Promise<void> {
  await withApp(io, async (app) => {
    try {
      const r = await planStoredCampaign(app.callbacks.ctx, campaignId, { dryRun: o.dryRun });
      if (o.format === 'json') {
        const rules = await app.callbacks.rules();
        io.stdout.write(`${JSON.stringify({ summary: r.summary, skipped: r.skipped, tasks: r.sample.map((t) => ({ key: t.key, customerId: t.target.customerId, agent: t.agent, plannedAt: t.plannedAt === null ? null : rules.calendar.formatInstant(t.plannedAt), due: [t.due.first, t.due.last] })) })}\n`);
      } else {
        io.stdout.write(renderPlanSummary(r.summary, o.dryRun));
        io.stdout.write(`skipped: ${Object.entries(r.skipped).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
      }
    } catch (e) {
      if (!isAppError(e)) throw e;
      io.stderr.write(`kefu: ${campaignId}: ${e.message}\n`);
      for (const f of e.fields ?? []) io.stderr.write(`kefu: ${campaignId}: ${f.path}: ${f.message}\n`);
      setExit(ExitCode.badInput);
    }
  });
}

export const callbackCommand: CliCommand = {
  register(program, io, setExit) {
    const callback = program
      .command('callback')
      .description('callbacks (回访): due windows after a problem is solved, when a home or work number may be called, campaign plans');
    for (const name of ['due', 'next', 'check'] as const) addQuery(callback, name, io, setExit);
    callback
      .command('plan [campaign-id]')
      .description("plan a campaign's callbacks into callable slots within their due windows, spread over the team's agents; prints the summary")
      .option('--file <campaign.json>', 'a campaign, its agents and targets as JSON (instead of a campaign id from the database)')
      .option('--dry-run', 'plan and print the summary without storing anything (a plan from a file is never stored)')
      .option('--format <format>', 'text (the summary) or json (summary and tasks)', 'text')
      .option('--tz <zone>', 'IANA time zone (default: $KEFU_TZ, else Asia/Shanghai)')
      .addHelpText(
        'after',
        `
The file: {"campaign": {"id", "name", "type", "period": {"from", "to"}, "ownerTeam"}, "agents": ["A01", …],
"targets": [{"customerId", "customerName", "number", "numberKind": "home"|"work", "timeZone"?, "doNotCall"?,
"ticketId"?, "solvedAt"?}], "existing"?: [task keys already planned]}. A target with solvedAt gets its own
window (CB-AFTER); the others the campaign's period. Planning the same file twice plans the same tasks.
With a campaign id instead, the campaign stored in the centre's database (POST /api/callbacks/campaigns) is
planned as the API's POST /api/callbacks/campaigns/:id/plan does: its rule selects the customers again, the
owner team's agents take the calls, and the tasks are stored (planning twice adds nothing) unless --dry-run.
Exit codes: 0 ok, 1 bad file or campaign, 2 usage.`,
      )
      .action(async (campaignId: string | undefined, opts: { file?: string; dryRun?: boolean; format: string; tz?: string }) => {
        if (opts.format !== 'text' && opts.format !== 'json') throw new UsageError('--format must be text or json');
        if ((campaignId === undefined) === (opts.file === undefined)) throw new UsageError('give a campaign id or --file <campaign.json>, not both');
        if (campaignId !== undefined) {
          await planFromDatabase(io, setExit, campaignId, { dryRun: Boolean(opts.dryRun), format: opts.format });
          return;
        }
        if (opts.file === undefined) return;
        let text: string;
        try {
          text = await readFile(path.resolve(io.cwd, opts.file), 'utf8');
        } catch (e) {
          io.stderr.write(`kefu: ${opts.file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`);
          setExit(ExitCode.badInput);
          return;
        }
        const { settings, years, zone } = await inForce(io, opts.tz);
        try {
          const rules = createCallbackRules(settings, years, zone);
          const input = parsePlanFile(text, rules);
          const plan = planCampaign(input, { rules });
          if (opts.format === 'json') io.stdout.write(`${JSON.stringify({ summary: plan.summary, tasks: plan.tasks.map((t) => ({ key: t.key, customerId: t.target.customerId, agent: t.agent, plannedAt: t.plannedAt === null ? null : rules.calendar.formatInstant(t.plannedAt), due: [t.due.first, t.due.last] })) })}\n`);
          else io.stdout.write(renderPlanSummary(plan.summary, Boolean(opts.dryRun)));
        } catch (e) {
          if (!isAppError(e)) throw e;
          io.stderr.write(`kefu: ${opts.file}: ${e.message}\n`);
          for (const f of e.fields ?? []) io.stderr.write(`kefu: ${opts.file}: ${f.path}: ${f.message}\n`);
          setExit(ExitCode.badInput);
        }
      });
  },
};
