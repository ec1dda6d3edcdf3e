import net from 'node:net';
import { splitRecording } from './ami-replay-server.js';

/**
 * A small TCP server speaking the FreeSWITCH inbound event socket (auth/request, `auth`,
 * `event plain …`, `api show channels as json`, disconnect notice), replaying a recorded stream
 * (esl-session-generator.ts) segment by segment like the AMI replay server.
 */
export interface EslReplayServer {
  port: number;
  logins: number;
  sent: number;
  done: Promise<void>;
  close(): Promise<void>;
}

function headersOf(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of body.split(/\r?\n/)) {
    const c = line.indexOf(':');
    if (c > 0) out[line.slice(0, c)] = decodeURIComponent(line.slice(c + 1).trim());
  }
  return out;
}

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-plain\n\n${body}`;

export async function startEslReplayServer(o: { recording: string; password: string }): Promise<EslReplayServer> {
  const segments = splitRecording(o.recording);
  let next = 0;
  let logins = 0;
  let sent = 0;
  const alive = new Set<string>();
  const track = (h: Record<string, string>) => {
    if (h['Event-Name'] === 'CHANNEL_ANSWER' && h['Unique-ID']) alive.add(h['Unique-ID']);
    if (h['CC-Action'] === 'member-queue-start' && h['CC-Member-Session-UUID']) alive.add(h['CC-Member-Session-UUID']);
    if (h['Event-Name'] === 'CHANNEL_HANGUP_COMPLETE' && h['Unique-ID']) alive.delete(h['Unique-ID']);
  };
  let markDone!: () => void;
  const done = new Promise<void>((r) => (markDone = r));
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write('Content-Type: auth/request\n\n');
    let pending = '';
    let authed = false;
    let pendingDrop: (() => void) | null = null;
    socket.on('data', (chunk: Buffer) => {
      // Commands are a line (and, for some, more lines) closed by an empty line.
      pending += chunk.toString('utf8');
      for (;;) {
        const end = pending.indexOf('\n\n');
        if (end < 0) break;
        const raw = pending.slice(0, end).trim();
        pending = pending.slice(end + 2);
        if (raw.startsWith('auth ')) {
          logins++;
          if (raw.slice(5) !== o.password) {
            socket.write('Content-Type: command/reply\nReply-Text: -ERR invalid\n\n');
            const bye = 'Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n';
            socket.end(`Content-Type: text/disconnect-notice\nContent-Length: ${bye.length}\n\n${bye}`);
            continue;
          }
          authed = true;
          socket.write('Content-Type: command/reply\nReply-Text: +OK accepted\n\n');
        } else if (raw.startsWith('event plain')) {
          socket.write('Content-Type: command/reply\nReply-Text: +OK event listener enabled plain\n\n');
          if (authed) pendingDrop = stream(socket);
          if (pendingDrop !== null) setTimeout(() => pendingDrop?.(), 500);
        } else if (raw === 'api show channels as json') {
          const rows = [...alive].map((uuid) => ({ uuid, direction: 'inbound', state: 'CS_EXCHANGE_MEDIA' }));
          const body = JSON.stringify(rows.length === 0 ? { row_count: 0 } : { row_count: rows.length, rows });
          socket.write(`Content-Type: api/response\nContent-Length: ${Buffer.byteLength(body)}\n\n${body}`);
          const drop = pendingDrop;
          pendingDrop = null;
          drop?.();
        } else socket.write('Content-Type: command/reply\nReply-Text: -ERR command not found\n\n');
      }
    });
  });

  const stream = (socket: net.Socket): (() => void) | null => {
    const seg = segments[next];
    if (seg === undefined) return null;
    next++;
    for (const body of seg.events) {
      const text = body.replace(/\r\n/g, '\n');
      track(headersOf(text));
      socket.write(frame(`${text}\n\n`));
    }
    sent += seg.events.length;
    const gap = seg.gap;
    if (gap === null) {
      if (next >= segments.length) markDone();
      return null;
    }
    let dropped = false;
    return () => {
      if (dropped) return;
      dropped = true;
      for (const body of gap) track(headersOf(body.replace(/\r\n/g, '\n')));
      socket.destroy();
    };
  };

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    get logins() {
      return logins;
    },
    get sent() {
      return sent;
    },
    done,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

