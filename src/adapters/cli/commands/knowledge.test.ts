import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../test-io.js';
import { loadConfig } from '../../../config.js';
import { createAppContext } from '../../../app.js';

describe('kefu knowledge import', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-knowledge-import-'));
    env = { KEFU_DATA_DIR: dir, LOG_LEVEL: 'silent', DATABASE_URL: '' };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text, 'utf8');
    return f;
  };

  it('loads articles from JSON Lines and CSV, reports bad lines with their number and field, and a second run adds nothing', async () => {
    expect((await runCli(['user', 'add', 'zhang', '--role', 'supervisor'], { env, stdin: 'zhang-password-1\n' })).code).toBe(0);
    const jsonl = write(
      'faq.jsonl',
      [
        JSON.stringify({ title: '退款流程', answer: '退款审核通过后3至5个工作日原路退回。', category: '账务', visibility: 'public' }),
        JSON.stringify({ title: '发票开具', answer: '', category: '账务' }),
        'not json',
        JSON.stringify({ title: '宽带报修', answer: '请您先重启光猫。', reviewDate: '2026-02-30' }),
        JSON.stringify({ title: '套餐变更', answer: '次月生效。', visibility: 'secret' }),
        '',
      ].join('\n'),
    );
    const first = await runCli(['knowledge', 'import', jsonl, '--as', 'zhang'], { env });
    expect(first.stdout).toBe('created 1, updated 0, unchanged 0, failed 4\n');
    expect(first.stderr).toContain(`${jsonl}:2: answer: 请填写答复口径`);
    expect(first.stderr).toContain(`${jsonl}:3: not a JSON object`);
    expect(first.stderr).toContain(`${jsonl}:4: reviewDate:`);
    expect(first.stderr).toContain(`${jsonl}:5: visibility:`);
    expect(first.code).toBe(1);
    const again = await runCli(['knowledge', 'import', jsonl, '--as', 'zhang', '--format', 'json'], { env });
    expect(JSON.parse(again.stdout)).toEqual({ created: 0, updated: 0, unchanged: 1, failed: 4 });

    // A CSV with Chinese headers: a changed answer is a new version of the same article, a new title a new article.
    const csv = write('faq.csv', ['\uFEFF标题,答复口径,分类,可见范围', '退款流程,"退款审核通过后2个工作日内原路退回。",账务,可对客', '宽带报修,请您先重启光猫，仍无法上网为您登记报修。,故障,内部', ''].join('\n'));
    const loaded = await runCli(['knowledge', 'import', csv, '--as', 'zhang'], { env });
    expect(loaded.stdout).toBe('created 1, updated 1, unchanged 0, failed 0\n');
    expect(loaded.code).toBe(0);
    expect((await runCli(['knowledge', 'import', csv, '--as', 'zhang'], { env })).stdout).toBe('created 0, updated 0, unchanged 2, failed 0\n');

    expect((await runCli(['knowledge', 'import', csv, '--as', 'nobody'], { env })).code).toBe(2);
    expect((await runCli(['knowledge', 'import', path.join(dir, 'missing.csv'), '--as', 'zhang'], { env })).code).toBe(2);

    const ctx = await createAppContext(loadConfig(env));
    try {
      const found = await ctx.knowledge.articles.listArticles({ q: '退款', limit: 10 });
      expect(found.items.map((a) => [a.title, a.version, a.answer, a.visibility])).toEqual([['退款流程', 2, '退款审核通过后2个工作日内原路退回。', 'public']]);
      const audit = await ctx.auditRepo.list({ limit: 20 });
      // Written within the same millisecond or not, so compared as a set.
      expect(audit.filter((e) => e.action.startsWith('knowledge.')).map((e) => `${e.action} ${e.actorName}`).sort()).toEqual([
        'knowledge.article_created zhang',
        'knowledge.article_created zhang',
        'knowledge.article_edited zhang',
      ]);
    } finally {
      await ctx.close();
    }
  });
});
