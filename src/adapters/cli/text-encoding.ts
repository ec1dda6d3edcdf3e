import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createReadStream } from 'node:fs';

/** Encodings a spreadsheet export in a Chinese office arrives in. */
export const textEncodings = ['utf-8', 'gb18030', 'utf-16le', 'utf-16be'] as const;
export type TextEncodingName = (typeof textEncodings)[number];

export interface DetectedEncoding {
  encoding: TextEncodingName;
  /** Bytes of a byte-order mark to skip. */
  bomLength: number;
  /** How it was decided, for the summary line a user reads. */
  reason: 'bom' | 'valid utf-8' | 'not utf-8, valid gb18030' | 'given';
}

/** Aliases a user may type for --encoding. GBK and GB2312 are subsets of GB18030. */
export function parseEncodingName(value: string): TextEncodingName | undefined {
  const v = value.trim().toLowerCase().replace(/_/g, '-');
  if (v === 'utf8' || v === 'utf-8') return 'utf-8';
  if (v === 'gbk' || v === 'gb2312' || v === 'gb18030' || v === 'cp936') return 'gb18030';
  if (v === 'utf-16le' || v === 'utf16le' || v === 'utf-16') return 'utf-16le';
  if (v === 'utf-16be' || v === 'utf16be') return 'utf-16be';
  return undefined;
}

/**
 * Excel in a Chinese locale saves "CSV" in GB18030 (GBK), not UTF-8; read as UTF-8 every name
 * becomes U+FFFD and the import fails row after row. Decide from the first 256 KiB: a BOM, else
 * strict UTF-8, else strict GB18030, else undefined (the caller says what it found).
 */
export function detectEncoding(sample: Uint8Array): DetectedEncoding | undefined {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3, reason: 'bom' };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2, reason: 'bom' };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2, reason: 'bom' };
  // The sample may end inside a character: leave up to 3 trailing bytes out of the strict check.
  for (const cut of [0, 1, 2, 3]) {
    const part = sample.subarray(0, Math.max(0, sample.length - cut));
    if (decodes('utf-8', part)) return { encoding: 'utf-8', bomLength: 0, reason: 'valid utf-8' };
    if (sample.length < SAMPLE_BYTES) break;
  }
  for (const cut of [0, 1, 2, 3]) {
    const part = sample.subarray(0, Math.max(0, sample.length - cut));
    if (decodes('gb18030', part)) return { encoding: 'gb18030', bomLength: 0, reason: 'not utf-8, valid gb18030' };
    if (sample.length < SAMPLE_BYTES) break;
  }
  return undefined;
}

function decodes(encoding: string, bytes: Uint8Array): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** How much of a file the checks look at. */
export const SAMPLE_BYTES = 262_144;

export async function readSample(file: string, size = SAMPLE_BYTES): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The file as a stream of text in the given encoding, the BOM skipped. */
export function decodedStream(file: string, detected: DetectedEncoding): Readable {
  const bytes = createReadStream(file, { start: detected.bomLength });
  const decoder = new TextDecoder(detected.encoding);
  return Readable.from(
    (async function* () {
      for await (const chunk of bytes) {
        const text = decoder.decode(chunk as Buffer, { stream: true });
        if (text) yield text;
      }
      const rest = decoder.decode();
      if (rest) yield rest;
    })(),
  );
}

/**
 * Where a sample stops being UTF-8 text: the offset of the first NUL byte or undecodable byte,
 * or -1 for text. A binary file fed to a line reader otherwise yields a screenful of errors.
 */
export function firstNonTextByte(sample: Uint8Array): number {
  const nul = sample.indexOf(0);
  const end = nul === -1 ? sample.length : nul;
  const decodesTo = (n: number) => decodes('utf-8', sample.subarray(0, n));
  // A sample cut at the read limit may end inside a character: up to 3 bytes of slack there.
  const slack = nul === -1 && sample.length === SAMPLE_BYTES ? 3 : 0;
  for (let cut = 0; cut <= slack; cut++) if (decodesTo(end - cut)) return nul;
  let good = 0;
  let bad = end;
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    if (decodesTo(mid)) good = mid;
    else bad = mid;
  }
  return good;
}
