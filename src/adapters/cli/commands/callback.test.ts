import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-io.js';
import { createAppContext } from '../../../app.js';
import { loadConfig } from '../../../config.js';
import { createCampaign } from '../../../core/callbacks/campaign-commands.js';

function freshEnv(): NodeJS.ProcessEnv {
  return { KEFU_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'kefu-cb-cli-')), KEFU_TZ: '', DATABASE_URL: '' };
}

describe('kefu callback', () => {
  it('answers the acceptance examples exactly (CB-AFTER, CB-WINDOW)', async () => {
    const env = freshEnv();
    // Sunday 28 September 2025 is a make-up working day.
    expect(await runCli(['callback', 'due', '2025-09-26T17:00:00+08:00'], { env })).toEqual({ code: 0, stdout: '2025-09-28 2025-09-30\n', stderr: '' });
    // The first working day after the National Day holiday: a work number not before 10:00.
    expect(await runCli(['callback', 'next', '2025-10-09T08:00:00+08:00', '--number', 'work'], { env })).toEqual({ code: 0, stdout: '2025-10-09T10:00:00+08:00\n', stderr: '' });
    expect(await runCli(['callback', 'next', '2025-10-09T08:00:00+08:00', '--number', 'home'], { env })).toEqual({ code: 0, stdout: '2025-10-09T08:00:00+08:00\n', stderr: '' });
  });

  it('checks an instant and names the rule: lunch, dinner, 22:00, 17:50 at work, Monday morning', async () => {
    const env = freshEnv();
    const check = async (at: string, number: string) => (await runCli(['callback', 'check', at, '--number', number], { env })).stdout;
    expect(await check('2025-10-10T12:30:00+08:00', 'home')).toBe('not callable: lunch — 午餐和午休时间（12:00–14:00） / lunch and midday rest (12:00–14:00)\n');
    expect(await check('2025-10-10T18:20:00+08:00', 'home')).toBe('not callable: dinner — 晚餐时间（18:00–19:00） / dinner (18:00–19:00)\n');
    expect(await check('2025-10-10T22:00:00+08:00', 'home')).toBe('not callable: after-hours — 22:00 及以后不打住宅电话 / at or after 22:00 (home number)\n');
    expect(await check('2025-10-10T21:59:00+08:00', 'home')).toBe('callable\n');
    expect(await check('2025-10-10T17:50:00+08:00', 'work')).toBe('not callable: end-of-day — 下班前最后 15 分钟（17:45 起）不打单位电话 / last 15 minutes of the working day (from 17:45)\n');
    expect(await check('2025-10-13T09:30:00+08:00', 'work')).toBe('not callable: after-days-off — 休息日后的第一个工作日 10:00 之前不打单位电话 / before 10:00 on the first working day after days off\n');
    expect(await check('2025-10-14T09:30:00+08:00', 'work')).toBe('callable\n');
    expect(await check('2025-10-05T10:30:00+08:00', 'work')).toBe('not callable: not-working-day — 非工作日不打单位电话 / not a working day (work number)\n');
  });

  it('answers one query per line with --stdin, a bad line empty with its error on stderr and exit 1', async () => {
    const env = freshEnv();
    const run = await runCli(['callback', 'check', '--stdin', '--number', 'home'], {
      env,
      stdin: '2025-10-10T12:30:00+08:00\n2025-10-10T15:00:00+08:00\n\nnot-a-time\n2025-10-13T09:30:00+08:00 work\n',
    });
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')).toEqual([
      expect.stringMatching(/^not callable: lunch/),
      'callable',
      '',
      '',
      expect.stringMatching(/^not callable: after-days-off/),
      '',
    ]);
    expect(run.stderr).toMatch(/^kefu: line 4: invalid date-time "not-a-time"/);
    const due = await runCli(['callback', 'due', '--stdin'], { env, stdin: '2025-09-26T17:00:00+08:00\n2025-09-30T10:00:00+08:00\n' });
    expect(due).toEqual({ code: 0, stdout: '2025-09-28 2025-09-30\n2025-10-09 2025-10-11\n', stderr: '' });
  });

  it('reads and prints times in --tz or KEFU_TZ, and takes the customer zone and do-not-call hours', async () => {
    const env = freshEnv();
    expect((await runCli(['callback', 'next', '2025-10-09T08:00', '--number', 'work', '--tz', 'Asia/Shanghai'], { env })).stdout).toBe('2025-10-09T10:00:00+08:00\n');
    expect((await runCli(['callback', 'next', '2025-10-10T07:00', '--number', 'home'], { env: { ...env, KEFU_TZ: 'Europe/Berlin' } })).stdout).toBe('2025-10-10T08:00:00+02:00\n');
    expect((await runCli(['callback', 'next', '2025-10-10T19:30:00+08:00', '--number', 'home', '--do-not-call', '20:00-09:30'], { env })).stdout).toBe('2025-10-10T19:30:00+08:00\n');
    expect((await runCli(['callback', 'check', '2025-10-10T20:30:00+08:00', '--number', 'home', '--do-not-call', '20:00-09:30'], { env })).stdout).toMatch(/^not callable: do-not-call — 客户要求的勿扰时段（20:00–09:30）/);
    expect((await runCli(['callback', 'next', '2025-10-10T13:30:00+08:00', '--number', 'home', '--customer-tz', 'Europe/Berlin'], { env })).stdout).toBe('2025-10-10T14:00:00+08:00\n');
  });

  it('exits 2 on usage errors and 1 on bad input', async () => {
    const env = freshEnv();
    expect((await runCli(['callback', 'next', '2025-10-09T08:00:00+08:00'], { env })).code).toBe(2); // --number missing
    expect((await runCli(['callback', 'check', '2025-10-09T08:00:00+08:00', '--number', 'mobile'], { env })).code).toBe(2);
    expect((await runCli(['callback', 'due'], { env })).code).toBe(2);
    expect((await runCli(['callback', 'due', '2025-10-09T08:00', '--tz', 'Mars/Base'], { env })).code).toBe(2);
    expect((await runCli(['callback', 'due', '2025-10-09'], { env: { ...env, KEFU_TZ: 'Nowhere/City' } })).code).toBe(2);
    const bad = await runCli(['callback', 'due', '2025-02-30T10:00:00+08:00'], { env });
    expect(bad).toMatchObject({ code: 1, stdout: '' });
    expect(bad.stderr).toMatch(/invalid date-time "2025-02-30T10:00:00\+08:00"/);
    const help = await runCli(['callback', 'check', '--help'], { env });
    expect(help.stdout).toMatch(/--number <kind>/);
    expect(help.stdout).toMatch(/--stdin/);
  });

  it('plans a campaign from a JSON file and prints the summary; the same file plans the same tasks', async () => {
    const env = freshEnv();
    const dir = env.KEFU_DATA_DIR!;
    const targets = Array.from({ length: 12 }, (_, i) => ({
      customerId: `C${i}`,
      customerName: `客户${i}`,
      number: `1380000${String(i).padStart(4, '0')}`,
      numberKind: i % 3 === 0 ? 'work' : 'home',
      ticketId: `T${i}`,
      solvedAt: '2025-09-26T17:00:00+08:00',
    }));
    const file = path.join(dir, 'campaign.json');
    const campaign = { id: 'cb-1', name: '投诉回访', type: 'mediation', period: { from: '2025-09-28', to: '2025-10-31' }, ownerTeam: '投诉组' };
    writeFileSync(file, JSON.stringify({ campaign, agents: ['A01', 'A02'], targets }));
    const run = await runCli(['callback', 'plan', '--file', file, '--dry-run'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'campaign cb-1 (dry run: nothing stored)',
        'planned: 12  already planned: 0  duplicates: 0',
        'unplaceable: no_callable_time 0, no_capacity 0, invalid_customer_hours 0',
        'capacity: 6 calls per agent per hour (10-minute slots)',
        'per agent:',
        '  A01 6',
        '  A02 6',
        'per day:',
        '  2025-09-28 12',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await runCli(['callback', 'plan', '--file', file, '--format', 'json'], { env })).stdout) as { tasks: { key: string }[] };
    writeFileSync(file, JSON.stringify({ campaign, agents: ['A01', 'A02'], targets, existing: json.tasks.map((t) => t.key) }));
    expect((await runCli(['callback', 'plan', '--file', file], { env })).stdout).toMatch(/^planned: 0 {2}already planned: 12/m);

    writeFileSync(file, JSON.stringify({ campaign: { ...campaign, type: 'survey' }, agents: [], targets }));
    const bad = await runCli(['callback', 'plan', '--file', file], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/campaign\.type/);
    expect(bad.stderr).toMatch(/agents/);
    expect((await runCli(['callback', 'plan', '--file', path.join(dir, 'missing.json')], { env })).code).toBe(1);
  });

  it("uses the centre's database when there is one: its imported holiday years and the pack in force", async () => {
    const env = freshEnv();
    const dir = env.KEFU_DATA_DIR!;
    const plain = await runCli(['callback', 'due', '2026-12-31T10:00:00+08:00'], { env });
    expect(plain).toMatchObject({ code: 0, stdout: '2027-01-01 2027-01-05\n' });
    expect(plain.stderr).toMatch(/warning: no official holiday data for 2027; answered as plain weekdays/);
    expect(existsSync(path.join(dir, 'kefu.sqlite'))).toBe(false); // a query never creates a database
    // A made-up 2027 notice: New Year's Day and Saturday off, Sunday 3 January a make-up working day.
    const year = path.join(dir, '2027.json');
    writeFileSync(year, JSON.stringify({ year: 2027, papers: [], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }, { name: '元旦', date: '2027-01-03', isOffDay: false }] }));
    expect((await runCli(['calendar', 'import', year], { env })).code).toBe(0);
    const ctx = await createAppContext(loadConfig({ KEFU_DATA_DIR: dir }));
    try {
      const pack = readFileSync(new URL('../../../core/standard/default-pack.yaml', import.meta.url), 'utf8').replace('    lastWorkday: 3', '    lastWorkday: 2');
      await ctx.standard.update(pack, { id: null, name: 'test' }, 'callbacks within 2 working days');
    } finally {
      await ctx.close();
    }
    expect(await runCli(['callback', 'due', '2026-12-31T10:00:00+08:00'], { env })).toEqual({ code: 0, stdout: '2027-01-03 2027-01-04\n', stderr: '' });
    expect((await runCli(['callback', 'check', '2027-01-03T09:30:00+08:00', '--number', 'work'], { env })).stdout).toMatch(/^not callable: after-days-off/);
  });

  it('plans a stored campaign by its id; a dry run stores nothing and planning twice adds nothing', async () => {
    const env = freshEnv();
    const dir = env.KEFU_DATA_DIR!;
    const ctx = await createAppContext(loadConfig({ KEFU_DATA_DIR: dir }));
    let campaignId: string;
    try {
      for (const username of ['cb-a1', 'cb-a2']) await ctx.users.createUser({ username, password: 'Correct-Horse-9-Staple', role: 'agent', team: 'callback' });
      for (const [i, name] of ['孙先生', '周女士', '吴先生'].entries()) {
        await ctx.crm.customers.create({ name, code: `K${i}`, phones: [{ number: `1370000111${i}`, kind: 'mobile' }] }, { id: null, username: 'test', role: 'admin', team: null } as never);
      }
      const created = await createCampaign(ctx.callbacks.ctx, { name: '随机回访', type: 'relationship', selection: { kind: 'random', by: 'code', size: 2, seed: 7 }, period: { from: '2030-03-04', to: '2030-03-08' }, ownerTeam: 'callback' }, { id: null });
      campaignId = created.campaign.id;
    } finally {
      await ctx.close();
    }
    const dry = await runCli(['callback', 'plan', campaignId, '--dry-run'], { env });
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toMatch(/\(dry run: nothing stored\)\nplanned: 2 {2}already planned: 0/);
    expect((await runCli(['callback', 'plan', campaignId], { env })).stdout).toMatch(/planned: 2 {2}already planned: 0/);
    expect((await runCli(['callback', 'plan', campaignId], { env })).stdout).toMatch(/planned: 0 {2}already planned: 2/);
    const missing = await runCli(['callback', 'plan', 'cmp_nope'], { env });
    expect(missing.code).toBe(1);
    expect((await runCli(['callback', 'plan'], { env })).code).toBe(2);
  });
});
