import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { Option } from 'commander';
import { ExitCode, UsageError, type CliCommand } from '../cli-command.js';
import { withApp } from '../with-app.js';
import { splitCsvLine } from '../../telephony/csv-line.js';
import { isAppError } from '../../../core/shared/app-error.js';
import type { ArticleInput } from '../../../core/knowledge/article-rules.js';
import type { ArticleVisibility } from '../../../core/knowledge/model.js';

/** Article fields a line can fill, with the header names a CSV may use for each (English or Chinese). */
const csvHeaders: Record<'title' | 'answer' | 'details' | 'category' | 'visibility' | 'reviewDate', string[]> = {
  title: ['title', '标题', '標題'],
  answer: ['answer', '答复口径', '答覆口徑', '答复', '答案'],
  details: ['details', '详细说明', '詳細說明', '说明'],
  category: ['category', '分类', '分類'],
  visibility: ['visibility', '可见范围', '可見範圍'],
  reviewDate: ['reviewdate', 'review_date', '复审日期', '複審日期'],
};
const visibilityWords: Record<string, ArticleVisibility> = { internal: 'internal', 内部: 'internal', 內部: 'internal', public: 'public', 可对客: 'public', 可對客: 'public', 公开: 'public' };

/** One JSON line as an article, or what is wrong with it. */
function fromJson(line: string): ArticleInput | string {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return 'not a JSON object';
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not a JSON object';
  const o = v as Record<string, unknown>;
  const text = (k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  for (const k of ['title', 'answer', 'details', 'category', 'visibility', 'reviewDate']) {
    if (o[k] !== undefined && o[k] !== null && typeof o[k] !== 'string') return `${k}: must be text`;
  }
  return fromFields({ title: text('title'), answer: text('answer'), details: text('details'), category: text('category'), visibility: text('visibility'), reviewDate: text('reviewDate') });
}

function fromFields(f: Partial<Record<keyof typeof csvHeaders, string | undefined>>): ArticleInput | string {
  const input: ArticleInput = { title: f.title ?? '', answer: f.answer ?? '' };
  if (f.details) input.details = f.details;
  if (f.category) input.category = f.category;
  if (f.reviewDate) input.reviewDate = f.reviewDate;
  if (f.visibility) {
    const v = visibilityWords[f.visibility.trim().toLowerCase()];
    if (!v) return `visibility: "${f.visibility}" is not internal/内部 or public/可对客`;
    input.visibility = v;
  }
  return input;
}

export const knowledgeCommand: CliCommand = {
  register(program, io, setExit) {
    const knowledge = program.command('knowledge').description('The knowledge base (知识库)');
    knowledge
      .command('import')
      .description(
        'Load articles from a JSON Lines file (one {"title","answer","details"?,"category"?,"visibility"?,"reviewDate"?} a line) or a UTF-8 CSV with a header row. ' +
          'Matched by title: a new title is a new article, a known one with other content a new version, the same content nothing (a second run adds nothing). ' +
          'Bad lines are reported on stderr with their line number and the field; the rest are loaded (exit 1 if any was bad). Audited like edits over HTTP.',
      )
      .argument('<file>', 'a .jsonl or .csv file')
      .option('--as <username>', 'the user the articles are written by (their owner when new)', 'admin')
      .addOption(new Option('--format <format>', 'summary format').choices(['text', 'json']).default('text'))
      .addHelpText('after', '\nCSV columns: title/标题, answer/答复口径, details/详细说明, category/分类, visibility/可见范围 (internal/内部, public/可对客), reviewDate/复审日期 (YYYY-MM-DD).\nExample: kefu knowledge import faq.csv --as zhang.lead')
      .action(async (file: string, flags: { as: string; format: 'text' | 'json' }) => {
        const full = path.resolve(io.cwd, file);
        const csv = /\.csv$/i.test(file);
        const counts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
        const fail = (lineNo: number, message: string) => {
          counts.failed++;
          io.stderr.write(`${file}:${lineNo}: ${message}\n`);
        };
        await withApp(io, async (ctx) => {
          const { UserRepository } = await import('../../db/repositories/user-repository.js');
          const { importArticle } = await import('../../../core/knowledge/import-article.js');
          const user = await new UserRepository(ctx.database.db).findByUsername(flags.as);
          if (!user) throw new UsageError(`--as ${flags.as}: no such user`);
          const actor = { id: user.id, username: user.username, team: user.team };
          let input: NodeJS.ReadableStream;
          try {
            input = await new Promise((resolve, reject) => {
              const s = createReadStream(full);
              s.once('open', () => resolve(s)).once('error', reject);
            });
          } catch (e) {
            throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
          }
          const lines = createInterface({ input, crlfDelay: Infinity });
          let lineNo = 0;
          let columns: Map<keyof typeof csvHeaders, number> | undefined;
          for await (const raw of lines) {
            lineNo++;
            const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
            if (!line.trim()) continue;
            let parsed: ArticleInput | string;
            if (csv) {
              const cells = splitCsvLine(line);
              if (!columns) {
                const header = cells.map((h) => h.trim().toLowerCase());
                columns = new Map();
                for (const [field, names] of Object.entries(csvHeaders) as Array<[keyof typeof csvHeaders, string[]]>) {
                  const i = header.findIndex((h) => names.includes(h));
                  if (i >= 0) columns.set(field, i);
                }
                if (!columns.has('title') || !columns.has('answer')) throw new UsageError(`${file}: the header row needs title/标题 and answer/答复口径 columns (found ${cells.join(', ')})`);
                continue;
              }
              const cell = (f: keyof typeof csvHeaders) => {
                const i = columns!.get(f);
                return i === undefined ? undefined : cells[i]?.trim() || undefined;
              };
              parsed = fromFields({ title: cell('title'), answer: cell('answer'), details: cell('details'), category: cell('category'), visibility: cell('visibility'), reviewDate: cell('reviewDate') });
            } else parsed = fromJson(line);
            if (typeof parsed === 'string') {
              fail(lineNo, parsed);
              continue;
            }
            try {
              counts[await importArticle(ctx.knowledge.ctx, parsed, actor)]++;
            } catch (e) {
              if (!isAppError(e)) throw e;
              fail(lineNo, e.fields?.length ? e.fields.map((f) => `${f.path}: ${f.message}`).join('; ') : e.message);
            }
          }
        });
        io.stdout.write(flags.format === 'json' ? `${JSON.stringify(counts)}\n` : `created ${counts.created}, updated ${counts.updated}, unchanged ${counts.unchanged}, failed ${counts.failed}\n`);
        if (counts.failed > 0) setExit(ExitCode.badInput);
      });
  },
};
