import { Option, type Command } from 'commander';
import { ExitCode, UsageError, type CliCommand } from '../cli-command.js';
import { cliConfig } from '../cli-config.js';
import { configDefaults } from '../../../config.js';
import { queueLogKpi } from '../../telephony/queue-log-kpi.js';
import { kpiGroupings, type KpiGrouping } from '../../../core/kpi/kpi-report.js';
import { formatKpiReport, kpiOutputFormats, type KpiOutputFormat } from '../../../core/kpi/kpi-format.js';

function threadCount(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--threads must be a whole number from 1 to 64, got "${v}"`);
  return n;
}

function seconds(name: string): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be a number of seconds ≥ 0, got "${v}"`);
    return n;
  };
}

export const kpiCommand: CliCommand = {
  register(program: Command, io, setExit) {
    program
      .command('kpi')
      .description(
        'KPI report (answer rate, abandon rate, service level, waits, talk, ring within limit, who hung up first) ' +
          'straight from an Asterisk queue_log file — classic pipe format or a realtime/PBXware CSV export. ' +
          'Streams the file; no database needed.',
      )
      .requiredOption('--queue-log <file>', 'the queue_log file (e.g. /var/log/asterisk/queue_log)')
      .addOption(new Option('--by <grouping>', 'group figures by').choices(kpiGroupings).default('total'))
      .option('--threshold <seconds>', 'service-level threshold: answered within this wait counts', seconds('threshold'), 15)
      .option('--ring-limit <seconds>', 'ring-time limit (15 s = three rings of the 1 s on + 4 s off cadence)', seconds('ring-limit'), 15)
      .addOption(new Option('--format <format>', 'output format').choices(kpiOutputFormats).default('json'))
      .option('--tz <zone>', `the centre's time zone for days and hours (default: KEFU_TZ, else ${configDefaults.timeZone})`)
      .option('--log-tz <zone>', 'time zone of YYYY-MM-DD HH:MM:SS times in a CSV export (default: --tz)')
      .option('--verbose', 'list every skipped line on stderr with its line number and reason')
      .option('--threads <n>', 'threads reading a large file at once (default: the machine\'s cores, at most 8 used; 1 reads it in one pass)', threadCount)
      .addHelpText(
        'after',
        '\nExamples:\n  kefu kpi --queue-log /var/log/asterisk/queue_log --by day --format table\n  kefu kpi --queue-log queue_log.csv --by agent --format csv --log-tz UTC\n\n' +
          'Lines that are not about a call (QUEUESTART, ADDMEMBER, PAUSE, …) are read and not counted. Malformed lines\n' +
          'are counted in "skipped" by reason (exit code 1); calls with no end yet are reported under "open"; a line more\n' +
          'than a day after its call\'s last line begins a new call. A pipe file over 64 MB is read in segments on\n' +
          'every core (--threads 1: one pass), with exactly the figures of one pass.',
      )
      .action(async (opts: { queueLog: string; by: KpiGrouping; threshold: number; ringLimit: number; format: KpiOutputFormat; tz?: string; logTz?: string; verbose?: boolean; threads?: number }) => {
        const timeZone = opts.tz ?? cliConfig(io).timeZone;
        const path = opts.queueLog.startsWith('/') ? opts.queueLog : `${io.cwd}/${opts.queueLog}`;
        const report = await queueLogKpi(path, {
          by: opts.by,
          thresholdSeconds: opts.threshold,
          ringLimitSeconds: opts.ringLimit,
          timeZone,
          logTimeZone: opts.logTz,
          threads: opts.threads,
          onSkip: opts.verbose
            ? (s) => {
                io.stderr.write(`line ${s.lineNumber}: ${s.reason}: ${s.text}\n`);
              }
            : undefined,
        });
        io.stdout.write(formatKpiReport(report, opts.format));
        if (report.skipped.lines > 0) {
          if (!opts.verbose) {
            const reasons = Object.entries(report.skipped.reasons).map(([r, n]) => `${r}: ${n}`).join(', ');
            io.stderr.write(`kefu kpi: skipped ${report.skipped.lines} malformed line(s) (${reasons}); --verbose lists them\n`);
          }
          setExit(ExitCode.badInput);
        }
      });
  },
};
