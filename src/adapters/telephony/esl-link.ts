import net from 'node:net';
import { EslFrameParser, eslEventHeaders, type EslMessage } from './esl-protocol.js';
import { PbxLoginRefused, type PbxLink, type PbxMessage } from './pbx-connector-types.js';

export interface EslLinkOptions {
  host: string;
  port: number;
  password: string;
  /** Events to subscribe to; default the call-center and channel events the mapper reads. */
  events?: string;
  timeoutMs?: number;
}

/** What the ESL mapper reads (esl-call-mapper.ts). */
export const eslDefaultEvents = 'CHANNEL_ANSWER CHANNEL_HOLD CHANNEL_UNHOLD CHANNEL_HANGUP_COMPLETE CUSTOM callcenter::info';

/**
 * One inbound event-socket connection: `auth`, `event plain …`, then events; `api` commands are
 * answered in order (`api/response`). Our own small client: `modesl` on npm is 1.2.1 (its 2.0
 * TypeScript rewrite was never published), depends on uuid@3 (deprecated) and xml2js 0.4 (a
 * prototype-pollution advisory, fixed in 0.5) and does not reconnect; the connector owns
 * reconnects, so any library can be put behind `PbxLink` instead.
 */
export class EslLink implements PbxLink {
  private socket: net.Socket | null = null;
  /** Replies (command/reply, api/response) come in the order the commands went. */
  private readonly replies: Array<{ resolve: (m: EslMessage) => void; reject: (e: Error) => void }> = [];
  private closedByUs = false;

  constructor(private readonly o: EslLinkOptions) {}

  open(onMessage: (m: PbxMessage) => void, onClose: (reason: string) => void): Promise<void> {
    const { host, port } = this.o;
    this.closedByUs = false;
    return new Promise<void>((resolve, reject) => {
      const parser = new EslFrameParser();
      const socket = net.connect({ host, port });
      this.socket = socket;
      let ready = false;
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`ESL ${host}:${port}: no answer within ${this.o.timeoutMs ?? 10_000} ms`));
      }, this.o.timeoutMs ?? 10_000);
      const login = async () => {
        const auth = await this.command(`auth ${this.o.password}`);
        const reply = auth.headers['Reply-Text'] ?? '';
        if (!reply.startsWith('+OK')) throw new PbxLoginRefused(host, port, 'event socket (auth)', reply || 'auth refused');
        const sub = await this.command(`event plain ${this.o.events ?? eslDefaultEvents}`);
        if (!(sub.headers['Reply-Text'] ?? '').startsWith('+OK')) throw new Error(`ESL ${host}:${port}: event subscription refused: ${sub.headers['Reply-Text'] ?? ''}`);
      };
      socket.on('data', (chunk: Buffer) => {
        for (const m of parser.push(chunk)) {
          const type = m.headers['Content-Type'];
          if (type === 'auth/request') {
            login().then(
              () => {
                clearTimeout(timer);
                ready = true;
                resolve();
              },
              (e: unknown) => {
                clearTimeout(timer);
                socket.destroy();
                reject(e instanceof Error ? e : new Error(String(e)));
              },
            );
          } else if (type === 'command/reply' || type === 'api/response') this.replies.shift()?.resolve(m);
          else if (type === 'text/event-plain') onMessage(eslEventHeaders(m));
          // text/disconnect-notice: the close that follows says it.
        }
      });
      socket.on('error', (e) => {
        clearTimeout(timer);
        if (!ready) reject(new Error(`ESL ${host}:${port}: ${e.message}`));
      });
      socket.on('close', () => {
        clearTimeout(timer);
        for (const r of this.replies.splice(0)) r.reject(new Error('ESL connection closed'));
        if (!ready) reject(new Error(`ESL ${host}:${port}: connection closed before login`));
        else if (!this.closedByUs) onClose('connection closed by FreeSWITCH');
      });
    });
  }

  async liveChannels(): Promise<Set<string>> {
    const r = await this.command('api show channels as json');
    try {
      const doc = JSON.parse(r.body) as { rows?: Array<{ uuid?: string }> };
      return new Set((doc.rows ?? []).map((row) => row.uuid ?? '').filter((u) => u !== ''));
    } catch {
      // `show channels` with no channel answers `{"row_count":0}` or plain text on old versions.
      return new Set();
    }
  }

  close(): void {
    this.closedByUs = true;
    this.socket?.destroy();
    this.socket = null;
  }

  private command(line: string): Promise<EslMessage> {
    const socket = this.socket;
    if (socket === null) return Promise.reject(new Error('ESL not connected'));
    return new Promise((resolve, reject) => {
      this.replies.push({ resolve, reject });
      socket.write(`${line}\n\n`);
    });
  }
}
