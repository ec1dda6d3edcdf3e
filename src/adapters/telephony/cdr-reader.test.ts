import { describe, expect, it } from 'vitest';
import { CdrReader, groupCdrLegs, type CdrRecord, type CdrSkip } from './cdr-reader.js';
import { ZoneCalendar } from '../../core/kpi/time-zone.js';

const utc = new ZoneCalendar('UTC');

async function readAll(path: string, opts: { columns?: string[]; zone?: ZoneCalendar } = {}) {
  const records: CdrRecord[] = [];
  const skips: CdrSkip[] = [];
  const result = await new CdrReader({ zone: opts.zone ?? utc, columns: opts.columns }).read(path, (r) => records.push(r), (s) => skips.push(s));
  return { records, skips, result };
}

describe('CdrReader', () => {
  it('reads the Asterisk 12+ cdr_csv layout with latin-1 caller names and linked legs', async () => {
    const { records, skips, result } = await readAll('test/fixtures/asterisk-cdr-master-csv/mineevburyat_Master.csv');
    expect(result.layoutName).toBe('cdrCsv');
    expect(skips).toEqual([]);
    expect(records).toHaveLength(84);
    const bad = records.find((r) => r.lineNumber === 41);
    // The invalid UTF-8 bytes come through as latin-1 characters, not U+FFFD.
    expect(bad?.callerName).toBe('8144270158\u00a5\u00a5b');
    expect(bad?.callerNumber).toBe('81835834421201');
    expect(bad).toMatchObject({ disposition: 'NO ANSWER', answer: null, billSeconds: 0, durationSeconds: 5 });
    const calls = groupCdrLegs(records);
    const parallel = calls.find((c) => c.linkedid === '1706369600.6');
    expect(parallel).toMatchObject({ legs: 3, answered: false, disposition: 'NO ANSWER' });
    expect(calls.length).toBeLessThan(records.length);
  });

  it('tells the cdr_custom template (clid first) from cdr_csv by where dates and dispositions fall', async () => {
    const { records, skips, result } = await readAll('test/fixtures/asterisk-cdr-master-csv/KelySaina_Master.csv', { zone: new ZoneCalendar('Etc/GMT-3') });
    expect(result.layoutName).toBe('cdrCustom');
    expect(skips).toEqual([]);
    expect(records[0]).toMatchObject({ src: 'client1', dst: '6789', callerNumber: 'client1', disposition: 'ANSWERED', durationSeconds: 31, billSeconds: 13, uniqueid: '1690325492.2', sequence: 2 });
    expect(records[0]?.start).toBe(Date.parse('2023-07-25T22:51:32Z'));
    expect(records[1]).toMatchObject({ disposition: 'NO ANSWER', answer: null });
  });

  it('reads the Asterisk 11 layout and every disposition', async () => {
    const { records, skips, result } = await readAll('test/fixtures/asterisk-cdr-master-csv/BugaDM_Master.csv');
    expect(result.layoutName).toBe('cdrCsv11');
    expect(skips).toEqual([]);
    expect(records).toHaveLength(105);
    expect(new Set(records.map((r) => r.disposition))).toEqual(new Set(['ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED']));
    expect(records[0]).toMatchObject({ callerName: 'NOMBREUSUARIO', callerNumber: '100', linkedid: '1427211880.0' });
  });

  it('takes the layout from a header line, NULL literals and malformed caller ids included (PBXware)', async () => {
    const { records, skips, result } = await readAll('test/fixtures/pbxware-callcenter-2018/cdr.csv', { zone: new ZoneCalendar('America/New_York') });
    expect(result.layoutName).toBe('header line');
    expect(skips).toEqual([]);
    expect(records).toHaveLength(1000);
    expect(records[0]).toMatchObject({ callerName: 'Agent-1115', callerNumber: '1115', src: '1115', dst: '2479330716', disposition: 'ANSWERED', durationSeconds: 37, billSeconds: 32 });
    expect(records[0]?.start).toBe(Date.parse('2018-11-30T01:19:34Z'));
    expect(records[0]?.end).toBe(Date.parse('2018-11-30T01:20:11Z'));
  });

  it('takes a --columns layout and reports bad rows with their line numbers', async () => {
    const { records, skips } = await readAll('test/fixtures/asterisk-realtime-lab-2023/cdr.csv', {
      columns: ['accountcode', 'src', 'dst', 'dcontext', 'clid', 'channel', 'dstchannel', 'lastapp', 'lastdata', 'start', 'answer', 'end', 'duration', 'billsec', 'disposition', 'amaflags', 'userfield', 'uniqueid', 'linkedid', 'peeraccount', 'sequence'],
    });
    expect(skips).toEqual([]);
    expect(records).toHaveLength(23);
    expect(records[0]).toMatchObject({ lineNumber: 2, lastapp: 'Queue', uniqueid: '1675555752.0', billSeconds: 13 });
  });
});
