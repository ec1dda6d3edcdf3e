import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOLIDAY_FILE_NAME, fileHolidayStore } from './calendar-store-file.js';

const year = { year: 2027, papers: ['https://www.gov.cn/x'], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] };

describe('file holiday store', () => {
  it('starts empty, then keeps what was saved', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'kefu-cal-')), 'nested');
    const store = fileHolidayStore(dir);
    expect(await store.load()).toEqual([]);
    await store.save([year]);
    expect(await fileHolidayStore(dir).load()).toEqual([year]);
    expect(JSON.parse(readFileSync(path.join(dir, HOLIDAY_FILE_NAME), 'utf8'))).toEqual({ years: [year] });
  });

  it('says so when the file was damaged by hand', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kefu-cal-'));
    writeFileSync(path.join(dir, HOLIDAY_FILE_NAME), '{"years": [');
    await expect(fileHolidayStore(dir).load()).rejects.toThrow(/is damaged/);
    writeFileSync(path.join(dir, HOLIDAY_FILE_NAME), JSON.stringify({ years: [{ ...year, days: [{ name: 'x', date: '2027-02-30', isOffDay: true }] }] }));
    await expect(fileHolidayStore(dir).load()).rejects.toThrow(/not valid holiday data/);
  });
});
