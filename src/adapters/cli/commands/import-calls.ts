import { Option, type Command } from 'commander';
import { ExitCode, UsageError, type CliIo } from '../cli-command.js';
import type { ImportSubcommand } from './import.js';
import { withApp } from '../with-app.js';
import { cliConfig } from '../cli-config.js';
import { configDefaults } from '../../../config.js';
import { ZoneCalendar } from '../../../core/kpi/time-zone.js';
import type { ImportProgress, ImportSource, ImportSummary } from '../../telephony/call-import.js';
import { cdrColumns } from '../../telephony/cdr-reader.js';

interface ImportFlags {
  tz?: string;
  verbose?: boolean;
  format: 'text' | 'json';
  batch: number;
  columns?: string;
}

function batchSize(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--batch must be a whole number ≥ 1, got "${v}"`);
  return n;
}

/** A one-line bar redrawn in place on a terminal; nothing at all when stderr is not one. */
function progressBar(io: CliIo): { update(p: ImportProgress): void; done(): void } {
  if (!io.stderr.isTTY) return { update: () => undefined, done: () => undefined };
  let drawn = false;
  return {
    update(p) {
      const share = p.bytesTotal === 0 ? 1 : Math.min(1, p.bytesDone / p.bytesTotal);
      const width = 30;
      const full = Math.round(share * width);
      io.stderr.write(`\r[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(share * 100).toFixed(0).padStart(3)}%  ${p.lines.toLocaleString('en-US')} lines`);
      drawn = true;
    },
    done() {
      if (drawn) io.stderr.write('\n');
    },
  };
}

function describeSummary(s: ImportSummary): string {
  const reasons = (r: Record<string, number>) =>
    Object.entries(r)
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ');
  const out = [`imported ${s.source} ${s.path}`];
  if (s.resumedAt && s.run.lines === 0) out.push(`  nothing new: lines 1–${s.resumedAt.line} were imported before`);
  else if (s.resumedAt) out.push(`  resumed at line ${s.resumedAt.line + 1} (byte ${s.resumedAt.offset}); earlier lines were imported before`);
  if (s.restartReason) out.push(`  read from the start: ${s.restartReason}; lines already stored are not added twice`);
  out.push(
    `  this run: ${s.run.lines} lines, ${s.run.records} valid, ${s.run.newEvents} new ${s.source === 'cdr' ? 'legs' : 'call events'}, ${s.run.calls} calls updated, ${s.run.skipped.lines} skipped${s.run.skipped.lines ? ` (${reasons(s.run.skipped.reasons)})` : ''}`,
  );
  out.push(`  whole file: ${s.file.lines} lines, ${s.file.records} valid, ${s.file.skipped.lines} skipped${s.file.skipped.lines ? ` (${reasons(s.file.skipped.reasons)})` : ''}`);
  out.push(`  calls from ${s.source} in the database: ${s.callsInDatabase}`);
  if (s.heldBackTail) out.push('  the last line has no newline yet (the PBX may be writing it): left for the next run');
  return `${out.join('\n')}\n`;
}

function importAction(source: ImportSource, io: CliIo, setExit: (code: ExitCode) => void) {
  return async (file: string, flags: ImportFlags): Promise<void> => {
    const timeZone = flags.tz ?? cliConfig(io).timeZone;
    const zone = new ZoneCalendar(timeZone);
    let columns: string[] | undefined;
    if (flags.columns !== undefined) {
      columns = flags.columns.split(',').map((c) => c.trim().toLowerCase());
      const unknown = columns.filter((c) => c !== '' && !(cdrColumns as readonly string[]).includes(c));
      if (unknown.length > 0) throw new UsageError(`--columns: unknown column(s) ${unknown.join(', ')}; known: ${cdrColumns.join(', ')} (leave a name empty to ignore a column)`);
    }
    const abs = file.startsWith('/') ? file : `${io.cwd}/${file}`;
    const bar = progressBar(io);
    const summary = await withApp(io, async (ctx) => {
      // Loaded here, not at the top: the importer pulls in the call repository (Kysely), which the
      // other commands (`kefu kpi`, `kefu qa`, `--help`) must not load.
      const { importCallFile } = await import('../../telephony/call-import.js');
      const repo = ctx.callRepository;
      try {
        return await importCallFile(repo, source, abs, {
          zone,
          clock: ctx.clock,
          batchLines: flags.batch,
          ...(columns ? { columns } : {}),
          onProgress: (p) => bar.update(p),
          onSkip: flags.verbose ? (s) => io.stderr.write(`line ${s.lineNumber}: ${s.reason}: ${s.text}\n`) : undefined,
        });
      } finally {
        bar.done();
      }
    });
    io.stdout.write(flags.format === 'json' ? `${JSON.stringify(summary)}\n` : describeSummary(summary));
    if (summary.run.skipped.lines > 0) {
      if (!flags.verbose) io.stderr.write(`kefu import ${source === 'cdr' ? 'cdr' : 'queue-log'}: skipped ${summary.run.skipped.lines} malformed line(s); --verbose lists them with their line numbers\n`);
      setExit(ExitCode.badInput);
    }
  };
}

function common(cmd: Command): Command {
  return cmd
    .option('--tz <zone>', `time zone of local date-times in the file (default: KEFU_TZ, else ${configDefaults.timeZone})`)
    .option('--verbose', 'list every skipped line on stderr with its line number and reason')
    .addOption(new Option('--format <format>', 'summary format').choices(['text', 'json']).default('text'))
    .option('--batch <lines>', 'lines per transaction (a crash loses at most one batch)', batchSize, 50_000);
}

export const callImportSubcommands: ImportSubcommand[] = [
  {
    register(group, io, setExit) {
      common(
        group
          .command('queue-log')
          .argument('<file>', 'an Asterisk queue_log (pipe format) or a realtime/PBXware CSV export')
          .description(
            'Import an Asterisk queue_log into the calls of the database. Idempotent: lines already stored are not added again; ' +
              'an appended file adds only the new lines; after a crash or Ctrl-C, run it again to resume. Progress bar on a terminal, summary at the end.',
          ),
      )
        .addHelpText('after', '\nExamples:\n  kefu import queue-log /var/log/asterisk/queue_log\n  kefu import queue-log queue_log.csv --tz UTC --verbose\n\nExit code 1 when some line was skipped (each is counted by reason; --verbose lists them).')
        .action(importAction('queue_log', io, setExit));
    },
  },
  {
    register(group, io, setExit) {
      common(
        group
          .command('cdr')
          .argument('<file>', 'an Asterisk CDR CSV (Master.csv of cdr_csv / cdr_custom, or a table export with a header)')
          .description(
            'Import Asterisk CDR records (Master.csv) as calls: legs with the same linkedid make one call. The layout comes from --columns, ' +
              'a header line, or the known cdr_csv / cdr_custom layouts. Latin-1 or invalid UTF-8 is tolerated. Idempotent and resumable like queue-log.',
          )
          .option('--columns <names>', `column names in file order, comma separated (${cdrColumns.slice(0, 6).join(',')},…)`),
      )
        .addHelpText('after', '\nExamples:\n  kefu import cdr /var/log/asterisk/cdr-csv/Master.csv\n  kefu import cdr custom.csv --columns clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,start,answer,end,duration,billsec,disposition,amaflags,accountcode,uniqueid,userfield,sequence')
        .action(importAction('cdr', io, setExit));
    },
  },
];
