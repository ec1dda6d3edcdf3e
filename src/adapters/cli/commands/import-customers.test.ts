import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../test-io.js';
import { loadConfig } from '../../../config.js';
import { createAppContext } from '../../../app.js';

describe('kefu import customers', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-import-customers-'));
    env = { KEFU_DATA_DIR: dir, LOG_LEVEL: 'silent', DATABASE_URL: '' };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text, 'utf8');
    return f;
  };

  it('loads rows with Chinese headers, reports bad rows by line number, and a second run adds nothing', async () => {
    const file = write(
      'customers.csv',
      [
        '\uFEFF客户编号,姓名,手机,办公电话,邮箱,VIP,阶段,标签',
        'C001,赵先生,138 1234 1234,010-88886666,zhao@example.com,是,忠诚,宽带;电视',
        'C002,"钱女士, 市场部",13900001111,,,否,new,',
        'C003,孙先生,12,,,,,',
        'C004,李四,13900001111,,,,,',
        'C005,周五,13700002222,,,,referrer,',
        '',
      ].join('\n'),
    );
    const first = await runCli(['import', 'customers', file], { env });
    expect(first.stdout).toBe(`customers from ${file}: 3 created, 0 updated, 0 unchanged, 2 failed\n`);
    expect(first.stderr).toContain(`${file}:4: mobile: "12" is not a valid phone number`);
    expect(first.stderr).toContain(`${file}:5: duplicate of line 3`);
    expect(first.code).toBe(1);

    const again = await runCli(['import', 'customers', file, '--format', 'json'], { env });
    expect(JSON.parse(again.stdout)).toEqual({ file, created: 0, updated: 0, unchanged: 3, failed: 2 });

    const ctx = await createAppContext(loadConfig(env));
    try {
      const zhao = await ctx.crm.customers.findByPhone('01088886666');
      expect(zhao).toMatchObject({ code: 'C001', name: '赵先生', vip: true, stage: 'loyal', tags: ['宽带', '电视'] });
      expect(zhao?.phones).toEqual([
        { number: '13812341234', kind: 'mobile' },
        { number: '01088886666', kind: 'work' },
      ]);
      expect((await ctx.crm.customers.findByPhone('13900001111'))?.name).toBe('钱女士, 市场部');
    } finally {
      await ctx.close();
    }
  });

  // Excel on a Chinese Windows saves "CSV (逗号分隔)" in GBK: the names must arrive intact.
  it('reads a GBK/GB18030 file as Excel in China writes it, and says which encoding it found', async () => {
    const gbk = Buffer.from(
      'bfcdbba7b1e0bac52cd0d5c3fb2ccad6bbfa2cb1b8d7a20a433030312cd5c5c8fd2c31333830303133383030302cc0cfbfcdbba70a433030322cc0eecbc42c31333930303133393030302cd5cbb5a5d2c9ceca0a',
      'hex',
    ); // 客户编号,姓名,手机,备注 / C001,张三,13800138000,老客户 / C002,李四,13900139000,账单疑问
    const file = path.join(dir, 'excel-gbk.csv');
    fs.writeFileSync(file, gbk);
    const run = await runCli(['import', 'customers', file], { env });
    expect(run.stdout).toBe(`customers from ${file}: 2 created, 0 updated, 0 unchanged, 0 failed\n`);
    expect(run.stderr).toContain('read as GB18030 (GBK) (detected)');
    const ctx = await createAppContext(loadConfig(env));
    try {
      expect(await ctx.crm.customers.findByPhone('13800138000')).toMatchObject({ code: 'C001', name: '张三', note: '老客户' });
      expect((await ctx.crm.customers.findByPhone('13900139000'))?.note).toBe('账单疑问');
    } finally {
      await ctx.close();
    }
  });

  it('names the problem when a file is no text it can read, and accepts --encoding', async () => {
    const file = path.join(dir, 'binary.csv');
    fs.writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xff, 0x00, 0xfe, 0xff, 0x80]));
    const run = await runCli(['import', 'customers', file], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('neither UTF-8 nor GB18030/GBK text');
    const bad = await runCli(['import', 'customers', file, '--encoding', 'latin9'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--encoding latin9: not one of');
  });

  it('updates a changed row, maps odd headers with --map, and refuses a file without a name column', async () => {
    await runCli(['import', 'customers', write('a.csv', 'code,name,mobile\nC9,王五,13600001111\n')], { env });
    const changed = await runCli(['import', 'customers', write('b.csv', 'Kundennummer,Kunde,Tel\nC9,王五五,13600001111\n'), '--map', 'code=Kundennummer', '--map', 'name=Kunde', '--map', 'mobile=Tel'], { env });
    expect(changed.stdout).toContain('0 created, 1 updated, 0 unchanged, 0 failed');
    const noName = await runCli(['import', 'customers', write('c.csv', 'foo,bar\n1,2\n')], { env });
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain('no name column');
    const missing = await runCli(['import', 'customers', path.join(dir, 'nope.csv')], { env });
    expect(missing.code).toBe(2);
    expect((await runCli(['import', 'customers', '--help'], { env })).stdout).toContain('--map <field=header>');
  });
});
