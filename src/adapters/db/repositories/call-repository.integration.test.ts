import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test-databases.js';
import { CallRepository, callRowId, lineHash, type SourceEventRow } from './call-repository.js';
import { callsFromQueueLog, queueLogEventOf } from '../../../core/calls/call-record.js';

const lines: SourceEventRow[] = [
  ['1675584553', 'ENTERQUEUE', 'NONE', '|1001|1'],
  ['1675584560', 'RINGNOANSWER', 'PJSIP/201', '5000'],
  ['1675584566', 'CONNECT', 'PJSIP/202', '13|1675584553.14|4'],
  ['1675584666', 'COMPLETECALLER', 'PJSIP/202', '13|100|1'],
].map(([time, event, agent, data], i) => ({ externalId: '1675584553.13', queue: 'support', time: Number(time), event: event!, agent: agent!, data: data!, line: i + 1, lineHash: lineHash(`support|${event}|${agent}|${data}`) }));

describeEachDatabase('call repository', (getDb) => {
  it('stores source events once: a second insert of the same lines adds nothing', async () => {
    const repo = new CallRepository(getDb().db, getDb().dialect);
    expect(await repo.insertSourceEvents('queue_log', lines)).toBe(4);
    expect(await repo.insertSourceEvents('queue_log', lines)).toBe(0);
    const stored = await repo.sourceEventsOf('queue_log', ['1675584553.13', 'other']);
    expect(stored.map((s) => s.event)).toEqual(['ENTERQUEUE', 'RINGNOANSWER', 'CONNECT', 'COMPLETECALLER']);
    expect(typeof stored[0]?.time).toBe('number');
  });

  it('upserts rebuilt calls, keeps quality on refresh, lists with filters and paging', async () => {
    const repo = new CallRepository(getDb().db, getDb().dialect);
    await repo.insertSourceEvents('queue_log', lines);
    const records = callsFromQueueLog((await repo.sourceEventsOf('queue_log', ['1675584553.13'])).map(queueLogEventOf));
    expect(records).toHaveLength(1);
    await repo.upsertCalls(records, 1000);
    const id = callRowId('queue_log', '1675584553.13', 'support');
    const call = await repo.get(id);
    expect(call).toMatchObject({ source: 'queue_log', queue: 'support', agent: 'PJSIP/202', caller: '1001', outcome: 'answered', endedBy: 'customer', waitMs: 13_000, ringMs: 4000, talkMs: 100_000, missedRings: 1, missedRingAgents: ['PJSIP/201'], startedAt: 1675584553000 });
    await repo.setQuality(id, { transcript: { channel: 'phone', direction: 'inbound', utterances: [] }, quality: { id: null, standard: 'default@2', score: 90, fatal: false, checks: [] }, score: 90, fatal: false, standardVersion: 'default@2' }, 2000);
    await repo.upsertCalls(records, 3000);
    expect(await repo.get(id)).toMatchObject({ qualityScore: 90, qualityFatal: false, standardVersion: 'default@2', transcript: { utterances: [] }, updatedAt: 3000 });

    const other = { ...records[0]!, externalId: 'b', startedAt: 1675584600000, agent: 'PJSIP/203', outcome: 'abandoned' as const };
    await repo.upsertCalls([other], 3000);
    expect((await repo.list({ limit: 10 })).items.map((c) => c.externalId)).toEqual(['b', '1675584553.13']);
    expect((await repo.list({ limit: 10, agent: 'PJSIP/202' })).items).toHaveLength(1);
    expect((await repo.list({ limit: 10, outcome: 'abandoned' })).items.map((c) => c.externalId)).toEqual(['b']);
    expect((await repo.list({ limit: 10, from: 1675584560000 })).items.map((c) => c.externalId)).toEqual(['b']);
    const p1 = await repo.list({ limit: 1 });
    const p2 = await repo.list({ limit: 1, cursor: p1.nextCursor! });
    expect(p2.items.map((c) => c.externalId)).toEqual(['1675584553.13']);
    expect(p2.nextCursor).toBeNull();
    const seen: string[] = [];
    await repo.eachCall({ sources: ['queue_log'] }, (c) => seen.push(c.externalId), 1);
    expect(seen.sort()).toEqual(['1675584553.13', 'b']);
    expect(await repo.count({ sources: ['cdr'] })).toBe(0);
  });

  it('keeps an import cursor per file, committed with the batch', async () => {
    const repo = new CallRepository(getDb().db, getDb().dialect);
    const cursor = { source: 'queue_log', path: '/var/log/asterisk/queue_log', headHash: 'abc', headBytes: 100, endOffset: 4096, endLine: 40, totals: { lines: 40, records: 39, skipped: { lines: 1, reasons: { 'no fields': 1 } } }, updatedAt: 5 };
    await repo.transaction(async (trx) => {
      await repo.insertSourceEvents('queue_log', lines, trx);
      await repo.saveCursor(cursor, trx);
    });
    expect(await repo.cursor('queue_log', cursor.path)).toEqual(cursor);
    await repo.saveCursor({ ...cursor, endOffset: 8192, endLine: 80 });
    expect((await repo.cursor('queue_log', cursor.path))?.endOffset).toBe(8192);
    // A failed batch leaves neither its events nor its cursor behind.
    await expect(
      repo.transaction(async (trx) => {
        await repo.insertSourceEvents('queue_log', [{ ...lines[0]!, externalId: 'rolled-back' }], trx);
        await repo.saveCursor({ ...cursor, endOffset: 1 }, trx);
        throw new Error('crash');
      }),
    ).rejects.toThrow('crash');
    expect(await repo.sourceEventsOf('queue_log', ['rolled-back'])).toEqual([]);
    expect((await repo.cursor('queue_log', cursor.path))?.endOffset).toBe(8192);
  });
});
