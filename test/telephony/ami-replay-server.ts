import net from 'node:net';
import { AmiFrameParser, formatAmiMessage, parseAmiBlock, type AmiMessage } from '../../src/adapters/telephony/ami-protocol.js';

/**
 * A small TCP server speaking AMI as Asterisk does (banner, Login, action responses with their
 * ActionID, list actions with `EventList: start` … `…Complete`, events), replaying a recorded
 * event stream (see ami-session-generator.ts for its `#!` directives). The connector under test
 * connects to it exactly as it would to a PBX.
 */
export interface AmiReplayServer {
  port: number;
  /** Logins seen (accepted or not). */
  logins: number;
  /** Recorded events written to connections so far. */
  sent: number;
  /** Resolves when the last segment has been written to a connection. */
  done: Promise<void>;
  close(): Promise<void>;
}

interface Segment {
  events: string[];
  /** Events that happen after this segment while nobody listens (then the line drops). */
  gap: string[] | null;
}

export function splitRecording(recording: string): Segment[] {
  const segments: Segment[] = [{ events: [], gap: null }];
  let inGap = false;
  for (const block of recording.split(/\r?\n\r?\n|\n(?=#)/)) {
    const lines = block.split(/\r?\n/).filter((l) => l !== '');
    for (const directive of lines.filter((l) => l.startsWith('#!'))) {
      const cmd = directive.slice(2).trim();
      const cur = segments[segments.length - 1] as Segment;
      if (cmd === 'disconnect') {
        cur.gap = [];
        inGap = true;
      } else if (cmd === 'reconnect') {
        segments.push({ events: [], gap: null });
        inGap = false;
      }
    }
    const body = lines.filter((l) => !l.startsWith('#')).join('\r\n');
    if (body === '') continue;
    const cur = segments[segments.length - 1] as Segment;
    if (inGap) (cur.gap as string[]).push(body);
    else cur.events.push(body);
  }
  return segments;
}

export async function startAmiReplayServer(o: { recording: string; user: string; secret: string; chunkBytes?: number }): Promise<AmiReplayServer> {
  const segments = splitRecording(o.recording);
  let next = 0;
  const alive = new Set<string>();
  const track = (m: AmiMessage) => {
    if ((m.Event === 'Newchannel' || m.Event === 'QueueCallerJoin') && m.Uniqueid) alive.add(m.Uniqueid);
    if (m.Event === 'AgentCalled' && m.DestUniqueid) alive.add(m.DestUniqueid);
    if (m.Event === 'Hangup' && m.Uniqueid) alive.delete(m.Uniqueid);
  };
  let markDone!: () => void;
  const done = new Promise<void>((r) => (markDone = r));
  const sockets = new Set<net.Socket>();
  let logins = 0;
  let sent = 0;

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setEncoding('utf8');
    socket.write('Asterisk Call Manager/5.0.3\r\n');
    const parser = new AmiFrameParser({ expectBanner: false });
    let authed = false;
    /** The gap to apply and the line to drop once the connector has asked for its channels. */
    let pendingDrop: (() => void) | null = null;
    socket.on('data', (chunk: string) => {
      for (const a of parser.push(chunk)) {
        const id = a.ActionID ?? '';
        switch (a.Action?.toLowerCase()) {
          case 'login': {
            logins++;
            if (a.Username !== o.user || a.Secret !== o.secret) {
              socket.end(formatAmiMessage({ Response: 'Error', ActionID: id, Message: 'Authentication failed' }));
              break;
            }
            authed = true;
            socket.write(formatAmiMessage({ Response: 'Success', ActionID: id, Message: 'Authentication accepted' }));
            socket.write(formatAmiMessage({ Event: 'FullyBooted', Privilege: 'system,all', Uptime: 3600, LastReload: 3600, Status: 'Fully Booted' }));
            pendingDrop = stream(socket);
            // A connector that never reconciles still sees the line drop.
            if (pendingDrop !== null) setTimeout(() => pendingDrop?.(), 500);
            break;
          }
          case 'coreshowchannels': {
            if (!authed) {
              socket.write(formatAmiMessage({ Response: 'Error', ActionID: id, Message: 'Permission denied' }));
              break;
            }
            socket.write(formatAmiMessage({ Response: 'Success', ActionID: id, EventList: 'start', Message: 'Channels will follow' }));
            for (const u of alive) socket.write(formatAmiMessage({ Event: 'CoreShowChannel', ActionID: id, Uniqueid: u, Linkedid: u, Channel: `PJSIP/x-${u}`, Application: 'Queue', Duration: '00:01:00' }));
            socket.write(formatAmiMessage({ Event: 'CoreShowChannelsComplete', ActionID: id, EventList: 'Complete', ListItems: alive.size }));
            const drop = pendingDrop;
            pendingDrop = null;
            drop?.();
            break;
          }
          case 'logoff':
            socket.end(formatAmiMessage({ Response: 'Goodbye', ActionID: id, Message: 'Thanks for all the fish.' }));
            break;
          default:
            socket.write(formatAmiMessage({ Response: 'Error', ActionID: id, Message: 'Invalid/unknown command' }));
        }
      }
    });
  });

  /** Writes the next segment; returns what drops the line after it (null when none follows). */
  const stream = (socket: net.Socket): (() => void) | null => {
    const seg = segments[next];
    if (seg === undefined) return null;
    next++;
    let out = '';
    for (const e of seg.events) {
      const m = parseAmiBlock(e);
      if (m !== null) track(m);
      out += `${e}\r\n\r\n`;
    }
    // Odd-sized chunks, as TCP may deliver them: a message may be cut anywhere.
    const size = o.chunkBytes ?? 1371;
    for (let i = 0; i < out.length; i += size) socket.write(out.slice(i, i + size));
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
      for (const e of gap) {
        const m = parseAmiBlock(e);
        if (m !== null) track(m);
      }
      // The PBX restarts its manager (or the network drops); what happens next nobody hears.
      socket.end(() => socket.destroy());
    };
  };

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
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
