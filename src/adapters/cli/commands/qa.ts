import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../cli-command.js';
import { filePackLoader } from '../../standard-files.js';
import { compilePack, inspectTranscript, renderReport, type CompiledPack, type Lang } from '../../../core/quality/index.js';
import { parseTranscript } from '../../../core/interactions/transcript.js';

const formats = ['json', 'text'] as const;
const langs = ['zh', 'en'] as const;

interface QaOptions {
  standard?: string;
  format: string;
  lang: string;
}

export const qaCommand: CliCommand = {
  register(program: Command, io: CliIo, setExit) {
    program
      .command('qa')
      .description('Inspect transcripts against the standard pack: a .json file (one transcript or an array), a .jsonl file (one per line, streamed) or - for stdin (JSON Lines). JSON output: one quality result per line, in input order.')
      .argument('<file>', 'transcript file (.json or .jsonl), or - for JSON Lines on stdin')
      .option('--standard <pack>', 'standard pack file (YAML or JSON); default: the built-in pack')
      .option('--format <format>', 'json (one result per line) or text (readable report)', 'json')
      .option('--lang <lang>', 'language of messages and the text report: zh or en', 'zh')
      .action(async (file: string, opts: QaOptions) => {
        if (!(formats as readonly string[]).includes(opts.format)) throw new UsageError(`--format must be one of ${formats.join(', ')}`);
        if (!(langs as readonly string[]).includes(opts.lang)) throw new UsageError(`--lang must be one of ${langs.join(', ')}`);
        const compiled = compilePack(await filePackLoader(opts.standard));
        const judge = makeJudge(io, compiled, opts.format as 'json' | 'text', opts.lang as Lang, () => setExit(ExitCode.badInput));
        if (file !== '-') {
          const { readSample, firstNonTextByte } = await import('../text-encoding.js');
          let sample: Uint8Array;
          try {
            sample = await readSample(file);
          } catch (e) {
            throw new UsageError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
          }
          const at = firstNonTextByte(sample);
          if (at !== -1) {
            // One line, not one error per "line" of an image or a zip.
            io.stderr.write(`${file}: not a text file (binary data at byte ${at}); kefu qa reads transcripts as UTF-8 JSON (.json) or JSON Lines (.jsonl)\n`);
            setExit(ExitCode.badInput);
            return;
          }
        }
        if (file !== '-' && file.endsWith('.json')) {
          const { readFile } = await import('node:fs/promises');
          let doc: unknown;
          try {
            doc = JSON.parse(await readFile(file, 'utf8'));
          } catch (e) {
            io.stderr.write(`${file}: ${e instanceof Error ? e.message : String(e)}\n`);
            setExit(ExitCode.badInput);
            return;
          }
          const items = Array.isArray(doc) ? doc : [doc];
          for (const [i, item] of items.entries()) await judge(item, Array.isArray(doc) ? `${file}[${i}]` : file);
          return;
        }
        const input = file === '-' ? io.stdin : createReadStream(file, { encoding: 'utf8' });
        const lines = createInterface({ input, crlfDelay: Infinity });
        let n = 0;
        for await (const line of lines) {
          n++;
          if (line.trim() === '') continue;
          let doc: unknown;
          try {
            doc = JSON.parse(line);
          } catch (e) {
            io.stderr.write(`line ${n}: not valid JSON: ${e instanceof Error ? e.message : String(e)}\n`);
            setExit(ExitCode.badInput);
            continue;
          }
          await judge(doc, `line ${n}`);
        }
      });
  },
};

function makeJudge(io: CliIo, compiled: CompiledPack, format: 'json' | 'text', lang: Lang, bad: () => void) {
  return async (doc: unknown, where: string): Promise<void> => {
    const parsed = parseTranscript(doc);
    if (!parsed.ok) {
      io.stderr.write(`${where}: invalid transcript: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}\n`);
      bad();
      return;
    }
    const result = inspectTranscript(parsed.transcript, compiled, { lang });
    const out = format === 'json' ? JSON.stringify(result) + '\n' : renderReport(result, parsed.transcript, lang) + '\n';
    // Respect back-pressure so a million-line stream keeps memory flat.
    if (!io.stdout.write(out)) await new Promise<void>((resolve) => io.stdout.once('drain', () => resolve()));
  };
}
