import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx, type ExportTable } from './table-export';
import { crc32 } from './zip-store';

const table: ExportTable = { sheetName: '报表', header: ['队列', '呼入量', '接通率 (%)'], rows: [['hotline', 120, 87.5], ['=cmd()', 3, null], ['说明, "引号"', 0, 0]] };

/** Reads the stored (uncompressed) entries of a zip, walking the local headers. */
function unzip(bytes: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (view.getUint32(at, true) === 0x04034b50) {
    const method = view.getUint16(at + 8, true);
    const size = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength));
    const data = bytes.subarray(at + 30 + nameLength, at + 30 + nameLength + size);
    expect(crc32(data)).toBe(view.getUint32(at + 14, true));
    out.set(name, new TextDecoder().decode(method === 0 ? data : inflateRawSync(data)));
    at += 30 + nameLength + size;
  }
  return out;
}

describe('report export', () => {
  it('CSV opens in Excel with Chinese text, quotes what needs quoting and defuses formulas', () => {
    const csv = toCsv(table);
    expect(csv.startsWith('\ufeff队列,呼入量,接通率 (%)\r\n')).toBe(true);
    expect(csv).toContain("'=cmd(),3,\r\n");
    expect(csv).toContain('"说明, ""引号""",0,0');
  });

  it('XLSX is a zip of the workbook parts with numbers as numbers and text as inline strings', () => {
    const files = unzip(toXlsx(table));
    expect([...files.keys()].sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    const sheet = files.get('xl/worksheets/sheet1.xml') ?? '';
    expect(sheet).toContain('<c r="B2"><v>120</v></c>');
    expect(sheet).toContain('<c r="A1" t="inlineStr" s="1"><is><t xml:space="preserve">队列</t></is></c>');
    expect(sheet).toContain('说明, &quot;引号&quot;');
    expect(files.get('xl/workbook.xml')).toContain('name="报表"');
  });

  it('crc32 matches the reference value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});
