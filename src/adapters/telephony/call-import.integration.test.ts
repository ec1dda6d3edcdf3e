import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../db/test-databases.js';
import { CallRepository } from '../db/repositories/call-repository.js';
import { ZoneCalendar } from '../../core/kpi/time-zone.js';
import { fixedClock } from '../../core/shared/clock.js';
import { queueLogKpi } from './queue-log-kpi.js';
import { databaseKpi } from '../../core/calls/call-kpi.js';
import { importCallFile } from './call-import.js';

const labLog = new URL('../../../test/fixtures/asterisk-realtime-lab-2023/queue_log.pipe.txt', import.meta.url).pathname;
const zone = new ZoneCalendar('Asia/Shanghai');
const clock = fixedClock(Date.UTC(2026, 0, 5));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kefu-call-import-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const figures = (repo: CallRepository, by: 'total' | 'agent' | 'queue' | 'hour') => databaseKpi(repo, { by, thresholdSeconds: 15, ringLimitSeconds: 15, zone });

describeEachDatabase('queue_log import', (getDb) => {
  const repoOf = () => new CallRepository(getDb().db, getDb().dialect, getDb().sqlite);

  it('stores each call once with the figures of `kefu kpi`, in batches of any size; a second run adds nothing', async () => {
    const repo = repoOf();
    const first = await importCallFile(repo, 'queue_log', labLog, { zone, clock, batchLines: 7 });
    expect(first.run.newEvents).toBe(21); // the call lines; QUEUESTART and CONFIGRELOAD are counted, not stored
    expect(first.callsInDatabase).toBe(8);
    for (const by of ['total', 'agent', 'hour'] as const) {
      const fromFile = await queueLogKpi(labLog, { by, thresholdSeconds: 15, ringLimitSeconds: 15, timeZone: 'Asia/Shanghai' });
      expect((await figures(repo, by)).groups).toEqual(fromFile.groups);
    }
    const again = await importCallFile(repo, 'queue_log', labLog, { zone, clock });
    expect(again.run).toMatchObject({ lines: 0, newEvents: 0 });
    expect(again.callsInDatabase).toBe(8);
  });

  it('joins a call split across two runs of a growing file, and the same lines under another path add nothing', async () => {
    const lines = readFileSync(labLog, 'utf8').split('\n');
    const file = join(dir, `growing-${getDb().dialect}`);
    writeFileSync(file, lines.slice(0, 40).join('\n') + '\n');
    const repo = repoOf();
    const a = await importCallFile(repo, 'queue_log', file, { zone, clock, batchLines: 5 });
    appendFileSync(file, lines.slice(40).join('\n'));
    const b = await importCallFile(repo, 'queue_log', file, { zone, clock, batchLines: 5 });
    expect(b.resumedAt).toEqual({ offset: a.file.endOffset, line: 40 });
    expect(a.run.newEvents + b.run.newEvents).toBe(21);
    const fromFile = await queueLogKpi(labLog, { by: 'agent', thresholdSeconds: 15, ringLimitSeconds: 15, timeZone: 'Asia/Shanghai' });
    expect((await figures(repo, 'agent')).groups).toEqual(fromFile.groups);

    // A rotated copy read from the top: every line is already stored.
    const copy = join(dir, `copy-${getDb().dialect}`);
    writeFileSync(copy, readFileSync(labLog));
    const c = await importCallFile(repo, 'queue_log', copy, { zone, clock, batchLines: 9 });
    expect(c.run).toMatchObject({ lines: 85, newEvents: 0 });
    expect(c.callsInDatabase).toBe(8);
    expect((await figures(repo, 'agent')).groups).toEqual(fromFile.groups);
  });

  it('ignores a line read twice within a call, and keeps a late line with its call', async () => {
    const file = join(dir, `dupes-${getDb().dialect}`);
    writeFileSync(
      file,
      [
        '1675584553|7.1|support|NONE|ENTERQUEUE||1001|1',
        '1675584560|7.1|support|PJSIP/201|RINGNOANSWER|5000',
        '1675584560|7.1|support|PJSIP/201|RINGNOANSWER|5000',
        '1675584566|7.1|support|PJSIP/202|CONNECT|13|7.1|4',
        '1675584666|7.1|support|PJSIP/202|COMPLETECALLER|13|100|1',
        '1675584667|7.1|support|PJSIP/203|RINGNOANSWER|1000',
        '',
      ].join('\n'),
    );
    const repo = repoOf();
    const r = await importCallFile(repo, 'queue_log', file, { zone, clock, batchLines: 2 });
    expect(r.run.newEvents).toBe(5);
    const { items } = await repo.list({ limit: 10 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ outcome: 'answered', agent: 'PJSIP/202', caller: '1001', missedRings: 1, talkMs: 100_000, endedBy: 'customer', startedAt: 1675584553000 });
  });
});
