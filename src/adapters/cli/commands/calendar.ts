import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../cli-command.js';
import { withApp } from '../with-app.js';
import { answerEachLine, coverageWarner } from '../line-queries.js';
import { cliConfig, databaseExists } from '../cli-config.js';
import { configDefaults } from '../../../config.js';
import { AppError, isAppError } from '../../../core/shared/app-error.js';
import {
  createCalendar,
  officeCalendarSpec,
  type Coverage,
  type WorkingCalendar,
} from '../../../core/calendar/calendar.js';
import { describeHolidayYears, type CalendarService, type HolidayStatus } from '../../../core/calendar/calendar-service.js';
import { officialYears } from '../../../core/calendar/data/official-holidays.js';
import { parseYearDataText, summarizeYear, type YearData } from '../../../core/calendar/holiday-data.js';
import { timeZone } from '../../../core/calendar/time-zone.js';

interface CalendarOptions {
  stdin?: boolean;
  tz?: string;
}

/** What one query needs: the calendar, where imported years live, and a way to flag uncovered years. */
interface QueryContext {
  calendar: WorkingCalendar;
  zoneName: string;
  io: CliIo;
  /** The database's calendar service; absent when there is no database yet (shipped data only). */
  service: CalendarService | undefined;
  /** Where imported years are stored, for `status`. */
  location: string | undefined;
  holidays: HolidayStatus;
  noteCoverage(coverage: Coverage): void;
}

interface QuerySpec {
  /** Positional arguments a query takes: exact count, or at least `min` when `variadic`. */
  args: number;
  variadic?: boolean;
  usage: string;
  /** Help for each positional argument, in order. */
  argHelp: string[];
  answer(args: string[], ctx: QueryContext): Promise<string[]> | string[];
}

const WORKDAY_COUNT = /^\d+$/;

function parseCount(text: string): number {
  if (!WORKDAY_COUNT.test(text) || Number(text) > 100_000) {
    const message = `invalid number of working days "${text}": expected a whole number from 0 to 100000`;
    throw AppError.validation(message, [{ path: 'n', message }]);
  }
  return Number(text);
}

function cliActor(io: CliIo): { id: null; name: string } {
  return { id: null, name: `cli${io.env.USER ? ` (${io.env.USER})` : ''}` };
}

const queries = {
  'is-workday': {
    args: 1,
    usage: '<date>',
    argHelp: ['calendar date, YYYY-MM-DD'],
    answer([date = ''], ctx) {
      const a = ctx.calendar.isWorkday(date);
      ctx.noteCoverage(a);
      return [String(a.workday)];
    },
  },
  'add-workdays': {
    args: 2,
    usage: '<date> <n>',
    argHelp: ['start date, YYYY-MM-DD (not counted)', 'number of working days, a whole number ≥ 0'],
    answer([date = '', n = ''], ctx) {
      const count = parseCount(n);
      const a = ctx.calendar.addWorkdays(date, count);
      ctx.noteCoverage(a);
      return [a.date];
    },
  },
  deadline: {
    args: 2,
    usage: '<iso-datetime> <duration>',
    argHelp: ['start, ISO-8601 (e.g. 2025-09-30T16:00:00+08:00; without an offset it is read in --tz)', 'typed duration: 24h, 2wd or 8bh'],
    answer([datetime = '', duration = ''], ctx) {
      const start = ctx.calendar.parseInstant(datetime);
      const a = ctx.calendar.deadline(start, duration);
      ctx.noteCoverage(a);
      return [a.iso];
    },
  },
  import: {
    args: 1,
    variadic: true,
    usage: '<holiday-cn.json>…',
    argHelp: ['holiday-cn year files ({"year", "papers", "days": [{"name", "date", "isOffDay"}]})'],
    async answer(files, ctx) {
      const loaded: YearData[] = [];
      const rejected: string[] = [];
      // Every file is validated in full before anything is stored: a bad file is rejected whole.
      for (const file of files) {
        const full = path.resolve(ctx.io.cwd, file);
        try {
          const text = await readFile(full, 'utf8');
          loaded.push(parseYearDataText(text, file));
        } catch (e) {
          if (isAppError(e)) rejected.push(`${e.message}; nothing loaded from it`);
          else rejected.push(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)}); nothing loaded from it`);
        }
      }
      if (loaded.length > 0) {
        // Stored in one transaction: every valid file or none of them. Without a database yet,
        // this creates it (queries never do).
        const store = async (service: CalendarService) => ({ status: await service.importYears(loaded, cliActor(ctx.io)), years: await service.officialYears() });
        const { status, years } = ctx.service
          ? await store(ctx.service)
          : await withApp(ctx.io, async (app) => {
              ctx.location = app.database.location;
              return store(app.calendars);
            });
        ctx.holidays = status;
        ctx.calendar = createCalendar(officeCalendarSpec(ctx.zoneName), years);
      }
      const shipped = new Set(officialYears.map((y) => y.year));
      const lines = loaded.map((y) => {
        const s = summarizeYear(y, 'imported');
        const note = shipped.has(y.year) ? ' (replaces the shipped data for this year)' : '';
        return `imported ${y.year}: ${s.offDays} days off, ${s.makeUpWorkdays} make-up working days${note}`;
      });
      if (rejected.length > 0) {
        throw AppError.validation(rejected.join('\n'), undefined);
      }
      return lines;
    },
  },
  status: {
    args: 0,
    usage: '',
    argHelp: [],
    answer(_args, ctx) {
      const { coveredYears, years } = ctx.holidays;
      const lines = [`time zone: ${ctx.calendar.zone.name}`, `covered years: ${coveredYears.join(' ') || 'none'}`];
      for (const s of years) {
        const note = s.replacesShipped ? ' (replaces the shipped data)' : '';
        lines.push(`${s.year}  ${s.source.padEnd(8)}  ${s.offDays} days off, ${s.makeUpWorkdays} make-up working days${note}`);
      }
      lines.push('other years: answered as plain weekdays (Monday–Friday) with a warning; load them with `kefu calendar import`');
      lines.push(`imported years stored in: ${ctx.location ?? 'no database yet (`kefu calendar import` creates it)'}`);
      return lines;
    },
  },
} satisfies Record<string, QuerySpec>;

type QueryName = keyof typeof queries;

const descriptions: Record<QueryName, string> = {
  'is-workday': 'print true if <date> (YYYY-MM-DD) is a working day, counting official holidays and make-up working days (调休), else false',
  'add-workdays': 'print the n-th working day after <date> (the date itself not counted), as YYYY-MM-DD',
  deadline:
    'print the deadline <duration> after <iso-datetime>, ISO-8601 with offset; durations: 24h clock hours, 2wd working days (same clock time on the n-th working day after), 8bh business hours (Mon–Fri 09:00–12:00, 13:00–18:00)',
  import: 'load official holidays and make-up working days from holiday-cn JSON files (one year per file); a bad file is rejected whole',
  status: 'list the years covered by official holiday data, shipped or imported',
};

const stdinHelp = `
With --stdin, each line of standard input is one query (the arguments, space separated) and each
gets one answer line, in order; a bad line gets an empty answer line, its error on stderr with the
line number, and exit code 1. Years without official holiday data are answered as plain weekdays
with a warning on stderr.
`;

function checkZone(opts: CalendarOptions, io: CliIo): string {
  const zoneName = opts.tz ?? cliConfig(io).timeZone;
  try {
    timeZone(zoneName);
  } catch (e) {
    throw new UsageError(isAppError(e) ? e.message : String(e));
  }
  return zoneName;
}

async function yearsInForce(ctx: Pick<QueryContext, 'service'>): Promise<YearData[]> {
  return ctx.service ? ctx.service.officialYears() : [...officialYears];
}

async function buildContext(io: CliIo, zoneName: string, service: CalendarService | undefined, location: string | undefined): Promise<QueryContext> {
  const holidays = service ? await service.holidayStatus() : describeHolidayYears(officialYears, []);
  const calendar = createCalendar(officeCalendarSpec(zoneName), await yearsInForce({ service }));
  return { calendar, zoneName, io, service, location, holidays, noteCoverage: () => undefined };
}

function describeError(e: unknown): string {
  if (isAppError(e)) return e.message;
  return e instanceof Error ? e.message : String(e);
}

async function run(name: QueryName, positional: string[], opts: CalendarOptions, io: CliIo, setExit: (code: ExitCode) => void): Promise<void> {
  const zoneName = checkZone(opts, io);
  // Imported years are read from the centre's database when it has one; `import` creates one.
  if (databaseExists(cliConfig(io))) {
    await withApp(io, async (app) => answerAll(name, positional, opts, io, setExit, await buildContext(io, zoneName, app.calendars, app.database.location)));
  } else {
    await answerAll(name, positional, opts, io, setExit, await buildContext(io, zoneName, undefined, undefined));
  }
}

async function answerAll(name: QueryName, positional: string[], opts: CalendarOptions, io: CliIo, setExit: (code: ExitCode) => void, ctx: QueryContext): Promise<void> {
  const spec: QuerySpec = queries[name];
  let lineLabel = '';
  ctx.noteCoverage = coverageWarner(io, () => lineLabel);
  const argCountProblem = (args: string[]): string | undefined => {
    const ok = spec.variadic ? args.length >= spec.args : args.length === spec.args;
    return ok ? undefined : `expected ${spec.usage || 'no arguments'}, got ${args.length === 0 ? 'nothing' : `"${args.join(' ')}"`}`;
  };

  if (!opts.stdin) {
    const problem = argCountProblem(positional);
    if (problem) throw new UsageError(`calendar ${name}: ${problem}`);
    try {
      for (const line of await spec.answer(positional, ctx)) io.stdout.write(`${line}\n`);
    } catch (e) {
      if (!isAppError(e)) throw e;
      io.stderr.write(`kefu: ${describeError(e)}\n`);
      setExit(ExitCode.badInput);
    }
    return;
  }

  if (positional.length > 0) throw new UsageError(`calendar ${name} --stdin reads its queries from standard input; remove "${positional.join(' ')}"`);
  await answerEachLine(
    io,
    setExit,
    async (args) => {
      const problem = argCountProblem(args);
      if (problem) throw AppError.validation(problem);
      return (await spec.answer(args, ctx)).join(' ; ');
    },
    { onLine: (label) => (lineLabel = label), keepBlank: spec.args > 0, describe: describeError },
  );
}

function addQuery(parent: Command, name: QueryName, io: CliIo, setExit: (code: ExitCode) => void): void {
  const spec: QuerySpec = queries[name];
  const cmd = parent
    .command(name)
    .description(descriptions[name])
    .usage(`${spec.usage ? `${spec.usage} ` : ''}[--tz <zone>]${spec.args > 0 ? `  |  --stdin [--tz <zone>]` : ''}`);
  const argNames = spec.usage.split(' ').filter((a) => a !== '');
  argNames.forEach((a, i) => {
    const bare = a.replace(/[<>…]/g, '');
    cmd.argument(a.endsWith('…') ? `[${bare}...]` : `[${bare}]`, spec.argHelp[i] ?? a);
  });
  cmd
    .option('--stdin', 'read one query per line from standard input, print one answer per line')
    .option('--tz <zone>', `IANA time zone (default: $KEFU_TZ, else ${configDefaults.timeZone})`)
    .addHelpText('after', stdinHelp)
    .action(async (...received: unknown[]) => {
      const opts = received[argNames.length] as CalendarOptions;
      const positional = received
        .slice(0, argNames.length)
        .flatMap((v) => (Array.isArray(v) ? (v as string[]) : v === undefined ? [] : [String(v)]));
      await run(name, positional, opts, io, setExit);
    });
}

export const calendarCommand: CliCommand = {
  register(program, io, setExit) {
    const calendar = program
      .command('calendar')
      .description('working calendar: working days with Chinese public holidays and make-up working days (调休), SLA deadlines, official holiday data');
    for (const name of Object.keys(queries) as QueryName[]) addQuery(calendar, name, io, setExit);
  },
};
