import { createInterface } from 'node:readline';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { ExitCode, UsageError, type CliIo } from '../cli-command.js';
import type { ImportSubcommand } from './import.js';
import { withApp } from '../with-app.js';
import { decodedStream, detectEncoding, parseEncodingName, readSample, type DetectedEncoding } from '../text-encoding.js';
import { splitCsvLine } from '../../telephony/csv-line.js';
import { isAppError } from '../../../core/shared/app-error.js';
import { lifecycleStages, normalizePhone, type LifecycleStage, type PhoneKind } from '../../../core/customers/customer.js';
import type { CustomerInput, ImportOutcome } from '../../../core/customers/customer-service.js';

/** Customer fields a CSV column can fill. `phone` is any number; the others say which kind it is. */
export const importFields = ['code', 'name', 'phone', 'mobile', 'home_phone', 'work_phone', 'email', 'company', 'category', 'vip', 'stage', 'tags', 'note'] as const;
export type ImportField = (typeof importFields)[number];

// Header names seen in real exports (English and Chinese CRM/Excel sheets), normalized to lower case.
const defaultHeaders: Record<ImportField, string[]> = {
  code: ['code', 'customer_code', 'customer code', 'id', '客户编号', '客户编码', '编号', '客户代码'],
  name: ['name', 'customer', 'customer_name', '姓名', '客户姓名', '客户名称', '名称', '联系人'],
  phone: ['phone', 'tel', 'telephone', 'phone_number', '电话', '联系电话', '电话号码'],
  mobile: ['mobile', 'cell', 'mobile_phone', '手机', '手机号', '手机号码', '移动电话'],
  home_phone: ['home_phone', 'home', '家庭电话', '住宅电话', '家庭号码'],
  work_phone: ['work_phone', 'office_phone', 'work', '办公电话', '单位电话', '工作电话'],
  email: ['email', 'e-mail', 'mail', '邮箱', '电子邮箱', '电子邮件'],
  company: ['company', 'organization', 'org', '公司', '单位', '公司名称', '工作单位'],
  category: ['category', 'type', 'segment', '类别', '客户类别', '客户类型', '分类'],
  vip: ['vip', 'is_vip', '是否vip', 'vip客户'],
  stage: ['stage', 'lifecycle', 'lifecycle_stage', '阶段', '生命周期', '客户阶段'],
  tags: ['tags', 'tag', 'labels', '标签'],
  note: ['note', 'notes', 'remark', 'remarks', 'comment', '备注', '说明'],
};

const stageWords: Record<string, LifecycleStage> = {
  潜在: 'potential', 潜在客户: 'potential', 新: 'new', 新客户: 'new', 忠诚: 'loyal', 忠诚客户: 'loyal', 老客户: 'loyal', 推荐: 'referrer', 推荐者: 'referrer', 推荐人: 'referrer',
};

function parseMapping(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf('=');
  const field = value.slice(0, eq).trim();
  const header = value.slice(eq + 1).trim();
  if (eq <= 0 || !header) throw new InvalidArgumentError('expected field=Column header, e.g. name=客户名称');
  if (!(importFields as readonly string[]).includes(field)) throw new InvalidArgumentError(`unknown field "${field}" (one of ${importFields.join(', ')})`);
  return { ...previous, [field]: header };
}

/** Which column index fills which field, from the header row and the --map overrides. */
export function columnMapping(header: string[], overrides: Record<string, string>): Map<ImportField, number> {
  const normalized = header.map((h) => h.replace(/^\uFEFF/, '').trim().toLowerCase());
  const map = new Map<ImportField, number>();
  for (const field of importFields) {
    const wanted = overrides[field] !== undefined ? [overrides[field].trim().toLowerCase()] : defaultHeaders[field];
    const i = normalized.findIndex((h) => wanted.includes(h));
    if (i >= 0) map.set(field, i);
    else if (overrides[field] !== undefined) throw new UsageError(`--map ${field}=${overrides[field]}: no such column in the header (${header.join(', ')})`);
  }
  return map;
}

/** One CSV row as a customer, or a message saying what is wrong with it. */
export function rowToCustomer(fields: string[], map: Map<ImportField, number>): CustomerInput | string {
  const get = (f: ImportField) => {
    const i = map.get(f);
    return i === undefined ? '' : (fields[i] ?? '').trim();
  };
  const phones: Array<{ number: string; kind: PhoneKind }> = [];
  const problems: string[] = [];
  const addPhones = (text: string, kind: PhoneKind | 'auto', column: string) => {
    for (const raw of text.split(/[;；,，/、]/).map((s) => s.trim()).filter(Boolean)) {
      const n = normalizePhone(raw);
      if (!n) problems.push(`${column}: "${raw}" is not a valid phone number`);
      else if (!phones.some((p) => p.number === n)) phones.push({ number: n, kind: kind === 'auto' ? (/^1\d{10}$/.test(n) ? 'mobile' : 'other') : kind });
    }
  };
  addPhones(get('mobile'), 'mobile', 'mobile');
  addPhones(get('phone'), 'auto', 'phone');
  addPhones(get('home_phone'), 'home', 'home_phone');
  addPhones(get('work_phone'), 'work', 'work_phone');
  const name = get('name');
  if (!name) problems.push('name: empty');
  const stageText = get('stage');
  let stage: LifecycleStage | undefined;
  if (stageText) {
    const lower = stageText.toLowerCase();
    stage = (lifecycleStages as readonly string[]).includes(lower) ? (lower as LifecycleStage) : stageWords[stageText];
    if (!stage) problems.push(`stage: "${stageText}" is not one of ${lifecycleStages.join(', ')} (or 潜在/新客户/忠诚/推荐)`);
  }
  const vipText = get('vip').toLowerCase();
  if (problems.length) return problems.join('; ');
  const input: CustomerInput = { name, phones };
  const code = get('code');
  if (code) input.code = code;
  for (const f of ['email', 'company', 'category', 'note'] as const) {
    const v = get(f);
    if (v) input[f] = v;
  }
  if (vipText) input.vip = ['1', 'true', 'yes', 'y', '是', 'vip'].includes(vipText);
  if (stage) input.stage = stage;
  const tags = get('tags');
  if (tags) input.tags = tags.split(/[;；,，|、]/).map((t) => t.trim()).filter(Boolean);
  return input;
}

interface Flags {
  map?: Record<string, string>;
  encoding?: string;
  format: 'text' | 'json';
}

export const customerImportSubcommand: ImportSubcommand = {
  register(group: Command, io: CliIo, setExit) {
    group
      .command('customers <file>')
      .description(
        'Load customers from a CSV file with a header row (UTF-8, or GB18030/GBK as Excel saves it in China: detected). Matched by customer code, else by phone: ' +
          'a row equal to what is stored changes nothing, so a second run adds nothing. Bad rows are reported on stderr with their line number; the rest are loaded.',
      )
      .option('--map <field=header>', `use this column for a field (repeatable); fields: ${importFields.join(', ')}`, parseMapping)
      .option('--encoding <name>', 'the file\'s encoding when detection is not wanted: utf-8, gbk/gb18030, utf-16le, utf-16be')
      .addOption(new Option('--format <format>', 'summary format').choices(['text', 'json']).default('text'))
      .addHelpText(
        'after',
        '\nColumns recognized without --map: code/客户编号, name/姓名, phone/电话, mobile/手机, home_phone/家庭电话, work_phone/办公电话, email/邮箱, company/公司, category/类别, vip, stage/阶段 (potential|new|loyal|referrer), tags/标签 (separated by ; or 、), note/备注.\nExample: kefu import customers customers.csv --map name=客户名称 --map mobile=Tel',
      )
      .action(async (file: string, flags: Flags) => {
        const counts: Record<ImportOutcome | 'failed', number> = { created: 0, updated: 0, unchanged: 0, failed: 0 };
        const full = path.resolve(io.cwd, file);
        let sample: Uint8Array;
        try {
          sample = await readSample(full);
        } catch (e) {
          throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
        }
        let detected: DetectedEncoding | undefined;
        if (flags.encoding !== undefined) {
          const given = parseEncodingName(flags.encoding);
          if (!given) throw new UsageError(`--encoding ${flags.encoding}: not one of utf-8, gbk, gb18030, utf-16le, utf-16be`);
          const bom = given === 'utf-8' && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf ? 3 : 0;
          detected = { encoding: given, bomLength: bom, reason: 'given' };
        } else {
          detected = detectEncoding(sample);
          if (!detected) throw new UsageError(`${file}: neither UTF-8 nor GB18030/GBK text (a spreadsheet .xlsx or another encoding?): save it as CSV, or name the encoding with --encoding`);
        }
        if (detected.encoding !== 'utf-8') io.stderr.write(`${file}: read as ${detected.encoding === 'gb18030' ? 'GB18030 (GBK)' : detected.encoding.toUpperCase()}${detected.reason === 'given' ? '' : ' (detected)'}\n`);
        const stream = decodedStream(full, detected);
        await withApp(io, async (ctx) => {
          const lines = createInterface({ input: stream, crlfDelay: Infinity });
          let lineNo = 0;
          let map: Map<ImportField, number> | undefined;
          const seenPhones = new Map<string, number>();
          const seenCodes = new Map<string, number>();
          const tty = io.stderr.isTTY === true;
          for await (const line of lines) {
            lineNo++;
            if (!map) {
              map = columnMapping(splitCsvLine(line), flags.map ?? {});
              if (!map.has('name')) throw new UsageError(`${file}: no name column in the header (use --map name=<header>)`);
              continue;
            }
            if (!line.trim()) continue;
            const fail = (message: string) => {
              counts.failed++;
              io.stderr.write(`${file}:${lineNo}: ${message}\n`);
            };
            const input = rowToCustomer(splitCsvLine(line), map);
            if (typeof input === 'string') {
              fail(input);
              continue;
            }
            // The same person twice in one file is a mistake in the file, not an update.
            const dupOf = [...(input.phones ?? []).map((p) => seenPhones.get(p.number)), input.code ? seenCodes.get(input.code) : undefined].find((x) => x !== undefined);
            if (dupOf !== undefined) {
              fail(`duplicate of line ${dupOf} (same phone number or customer code)`);
              continue;
            }
            for (const p of input.phones ?? []) seenPhones.set(p.number, lineNo);
            if (input.code) seenCodes.set(input.code, lineNo);
            try {
              const r = await ctx.crm.customers.importOne(input, { id: null, username: 'cli-import', role: null });
              counts[r.outcome]++;
            } catch (e) {
              if (!isAppError(e)) throw e;
              fail(`${e.message}${e.fields?.length ? ` (${e.fields.map((f) => `${f.path}: ${f.message}`).join('; ')})` : ''}`);
            }
            if (tty && lineNo % 500 === 0) io.stderr.write(`\r${lineNo.toLocaleString('en-US')} lines…`);
          }
          if (tty && lineNo >= 500) io.stderr.write('\n');
        });
        if (flags.format === 'json') io.stdout.write(`${JSON.stringify({ file, ...counts })}\n`);
        else io.stdout.write(`customers from ${file}: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.failed} failed\n`);
        if (counts.failed > 0) setExit(ExitCode.badInput);
      });
  },
};
