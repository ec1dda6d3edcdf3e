/**
 * The Asterisk Manager Interface wire format (docs.asterisk.org, "AMI v2 Specification"): after a
 * one-line banner (`Asterisk Call Manager/5.0.x`), every message is `Key: Value` lines ended by
 * CRLF and closed by an empty line. Actions go one way, `Response:` and `Event:` messages the other.
 * This file only cuts bytes into messages and writes actions: no sockets, so the benchmark's
 * parse-only baseline and the replay server use the very same code as the connector.
 */
export type AmiMessage = Record<string, string>;

/** Splits a byte stream into AMI messages; feed it chunks as they arrive, in any sizes. */
export class AmiFrameParser {
  private buffer = '';
  private bannerSeen: boolean;
  /** The banner line (`Asterisk Call Manager/5.0.3`), once read. */
  banner: string | null = null;

  constructor(opts: { expectBanner?: boolean } = {}) {
    this.bannerSeen = !(opts.expectBanner ?? true);
  }

  /** Appends a chunk and returns the messages it completed. */
  push(chunk: string): AmiMessage[] {
    this.buffer += chunk;
    const out: AmiMessage[] = [];
    if (!this.bannerSeen) {
      const nl = this.buffer.indexOf('\n');
      if (nl < 0) return out;
      this.banner = this.buffer.slice(0, nl).replace(/\r$/, '');
      this.buffer = this.buffer.slice(nl + 1);
      this.bannerSeen = true;
    }
    for (;;) {
      // Asterisk ends lines with CRLF; a hand-typed session (telnet, netcat) may send bare LF.
      const m = /\r?\n\r?\n/.exec(this.buffer);
      if (m === null) break;
      const block = this.buffer.slice(0, m.index);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      const message = parseAmiBlock(block);
      if (message !== null) out.push(message);
    }
    return out;
  }
}

/** One message's lines into an object; the first occurrence of a key wins (ChanVariable repeats). */
export function parseAmiBlock(block: string): AmiMessage | null {
  const message: AmiMessage = {};
  let any = false;
  for (const raw of block.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon);
    if (key in message) continue;
    message[key] = line.slice(colon + 1).trimStart();
    any = true;
  }
  return any ? message : null;
}

/** An action (or any message) in wire form. CR and LF inside values are dropped: they would end the message. */
export function formatAmiMessage(fields: Readonly<Record<string, string | number>>): string {
  let out = '';
  for (const [k, v] of Object.entries(fields)) out += `${k}: ${String(v).replace(/[\r\n]/g, ' ')}\r\n`;
  return `${out}\r\n`;
}

/**
 * The PBX's own time of an event, epoch ms, from its `Timestamp:` header (manager.conf
 * `timestampevents = yes`, e.g. `1733554800.482113`). Cut to the whole second: queue_log stamps
 * whole seconds (`time(NULL)` at the same instant), so a call seen live and the same call imported
 * later from queue_log get the same times and the same figures. Undefined when absent or bad.
 */
export function amiTimestampMs(m: AmiMessage): number | undefined {
  const raw = m.Timestamp;
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
  return Math.floor(seconds) * 1000;
}
