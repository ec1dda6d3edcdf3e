/**
 * The FreeSWITCH event socket wire format (developer.signalwire.com, "Event Socket Library" and
 * mod_event_socket): a message is `Key: value` header lines closed by an empty line; with a
 * `Content-Length` header, that many bytes of body follow. An event subscribed as `plain` arrives
 * as `Content-Type: text/event-plain` whose body is again header lines, their values URL-encoded.
 * No sockets here: the connector, the replay server and the benchmark share this code.
 */
export interface EslMessage {
  headers: Record<string, string>;
  body: string;
}

const NL2 = Buffer.from('\n\n');

export class EslFrameParser {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer | string): EslMessage[] {
    this.buffer = this.buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffer, Buffer.from(chunk)]);
    const out: EslMessage[] = [];
    for (;;) {
      const end = this.buffer.indexOf(NL2);
      if (end < 0) break;
      const headers = parseHeaderLines(this.buffer.subarray(0, end).toString('utf8'), false);
      const length = Number(headers['Content-Length'] ?? 0);
      const bodyStart = end + 2;
      if (this.buffer.length < bodyStart + length) break;
      const body = this.buffer.subarray(bodyStart, bodyStart + length).toString('utf8');
      this.buffer = this.buffer.subarray(bodyStart + length);
      out.push({ headers, body });
    }
    return out;
  }
}

function parseHeaderLines(text: string, decode: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon);
    const raw = line.slice(colon + 1).trim();
    if (key in out) continue;
    out[key] = decode ? safeDecode(raw) : raw;
  }
  return out;
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** The headers of a `text/event-plain` message's body (URL-decoded); its own body is left out. */
export function eslEventHeaders(m: EslMessage): Record<string, string> {
  const end = m.body.indexOf('\n\n');
  return parseHeaderLines(end < 0 ? m.body : m.body.slice(0, end), true);
}

/** A plain event as FreeSWITCH writes it (values URL-encoded), for the replay server and tests. */
export function formatEslEvent(headers: Readonly<Record<string, string | number>>): string {
  let body = '';
  for (const [k, v] of Object.entries(headers)) body += `${k}: ${encodeURIComponent(String(v))}\n`;
  body += '\n';
  return `Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-plain\n\n${body}`;
}

/** The event's own time, epoch ms, from `Event-Date-Timestamp` (microseconds). */
export function eslTimestampMs(h: Record<string, string>): number | undefined {
  const us = Number(h['Event-Date-Timestamp']);
  return Number.isFinite(us) && us > 0 ? Math.floor(us / 1000) : undefined;
}
