import { createInterface } from 'node:readline';
import { ExitCode, type CliIo } from './cli-command.js';
import { isAppError } from '../../core/shared/app-error.js';
import type { Coverage } from '../../core/calendar/calendar.js';

/**
 * The `--stdin` form of the calendar and callback queries: one query per line, one answer per line
 * in the same order (a blank line, or a query that failed, gets a blank answer so a script can pair
 * them up), each failure on stderr with its line number. `answer` throws an AppError for bad input.
 */
export async function answerEachLine(
  io: CliIo,
  setExit: (code: ExitCode) => void,
  answer: (args: string[]) => string | Promise<string>,
  opts: { onLine: (label: string) => void; keepBlank: boolean; describe?: (e: Error) => string },
): Promise<void> {
  const describe = opts.describe ?? ((e: Error) => e.message);
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    opts.onLine(`line ${lineNo}: `);
    const args = line.trim() === '' ? [] : line.trim().split(/\s+/);
    if (args.length === 0 && opts.keepBlank) {
      io.stdout.write('\n');
      continue;
    }
    try {
      io.stdout.write(`${await answer(args)}\n`);
    } catch (e) {
      if (!isAppError(e)) throw e;
      io.stderr.write(`kefu: line ${lineNo}: ${describe(e).replace(/\n/g, `\nkefu: line ${lineNo}: `)}\n`);
      io.stdout.write('\n');
      setExit(ExitCode.badInput);
    }
  }
}

/**
 * Warns once per year answered without official holiday data (as plain weekdays), naming the line
 * of the query that first needed it.
 */
export function coverageWarner(io: CliIo, lineLabel: () => string): (coverage: Coverage) => void {
  const warned = new Set<number>();
  return (coverage) => {
    for (const year of coverage.uncoveredYears) {
      if (warned.has(year)) continue;
      warned.add(year);
      io.stderr.write(
        `kefu: warning: ${lineLabel()}no official holiday data for ${year}; answered as plain weekdays (Monday–Friday), which may be wrong — load it with \`kefu calendar import\`\n`,
      );
    }
  };
}
