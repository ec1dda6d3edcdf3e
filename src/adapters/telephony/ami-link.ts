import net from 'node:net';
import { AmiFrameParser, formatAmiMessage, type AmiMessage } from './ami-protocol.js';
import { PbxLoginRefused, type PbxLink, type PbxMessage } from './pbx-connector-types.js';

export interface AmiLinkOptions {
  host: string;
  port: number;
  user: string;
  secret: string;
  /** Connect and login must finish within this (default 10 s). */
  timeoutMs?: number;
}

interface Waiting {
  resolve: (m: AmiMessage[]) => void;
  reject: (e: Error) => void;
  /** List actions (CoreShowChannels): the events that belong to the answer, up to `…Complete`. */
  list: AmiMessage[] | null;
  done: ((m: AmiMessage) => boolean) | null;
}

/**
 * One AMI connection: banner, `Login`, then actions answered by ActionID and every event handed on.
 * Our own small client (about 150 lines) rather than an npm one: `asterisk-manager` 0.2.0 (last
 * change 2021) reconnects in fixed 10 s steps with console.log and does not tell a refused login
 * from a dropped line; `asterisk-ami-client` 1.1.5 (last change 2018) builds on `co` and debug@2;
 * `yana` 0.3.0 is older still. The connector (pbx-connector.ts) owns reconnects and backoff, so
 * any client can be put behind `PbxLink` instead.
 */
export class AmiLink implements PbxLink {
  private socket: net.Socket | null = null;
  private readonly waiting = new Map<string, Waiting>();
  private nextId = 1;
  private closedByUs = false;

  constructor(private readonly o: AmiLinkOptions) {}

  open(onMessage: (m: PbxMessage) => void, onClose: (reason: string) => void): Promise<void> {
    const { host, port, user } = this.o;
    this.closedByUs = false;
    return new Promise<void>((resolve, reject) => {
      const parser = new AmiFrameParser();
      const socket = net.connect({ host, port });
      this.socket = socket;
      socket.setEncoding('utf8');
      socket.setNoDelay(true);
      let loggedIn = false;
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`AMI ${host}:${port}: no answer within ${this.o.timeoutMs ?? 10_000} ms`));
      }, this.o.timeoutMs ?? 10_000);
      socket.on('data', (chunk: string) => {
        const wasBanner = parser.banner !== null;
        for (const m of parser.push(chunk)) this.dispatch(m, onMessage);
        if (!wasBanner && parser.banner !== null) {
          if (!parser.banner.startsWith('Asterisk Call Manager')) {
            clearTimeout(timer);
            socket.destroy();
            reject(new Error(`${host}:${port} is not an Asterisk manager port (it said "${parser.banner.slice(0, 60)}")`));
            return;
          }
          this.action({ Action: 'Login', Username: user, Secret: this.o.secret, Events: 'on' }).then(
            ([r]) => {
              clearTimeout(timer);
              if (r?.Response === 'Success') {
                loggedIn = true;
                resolve();
              } else {
                socket.destroy();
                reject(new PbxLoginRefused(host, port, user, r?.Message ?? 'Authentication failed'));
              }
            },
            (e: Error) => {
              clearTimeout(timer);
              reject(e);
            },
          );
        }
      });
      socket.on('error', (e) => {
        clearTimeout(timer);
        if (!loggedIn) reject(new Error(`AMI ${host}:${port}: ${e.message}`));
      });
      socket.on('close', () => {
        clearTimeout(timer);
        for (const w of this.waiting.values()) w.reject(new Error('AMI connection closed'));
        this.waiting.clear();
        if (!loggedIn) reject(new Error(`AMI ${host}:${port}: connection closed before login`));
        else if (!this.closedByUs) onClose('connection closed by the PBX');
      });
    });
  }

  async liveChannels(): Promise<Set<string>> {
    const list = await this.action({ Action: 'CoreShowChannels' }, (m) => m.Event === 'CoreShowChannelsComplete');
    return new Set(list.filter((m) => m.Event === 'CoreShowChannel' && m.Uniqueid).map((m) => m.Uniqueid as string));
  }

  close(): void {
    this.closedByUs = true;
    this.socket?.end();
    this.socket?.destroy();
    this.socket = null;
  }

  /** Sends an action; resolves with its response (and, for list actions, the events up to `done`). */
  action(fields: Record<string, string>, done: ((m: AmiMessage) => boolean) | null = null): Promise<AmiMessage[]> {
    const id = `kefu-${this.nextId++}`;
    const socket = this.socket;
    if (socket === null) return Promise.reject(new Error('AMI not connected'));
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, list: done === null ? null : [], done });
      socket.write(formatAmiMessage({ ...fields, ActionID: id }));
    });
  }

  private dispatch(m: AmiMessage, onMessage: (m: PbxMessage) => void): void {
    const id = m.ActionID;
    const w = id === undefined ? undefined : this.waiting.get(id);
    if (w === undefined || id === undefined) {
      if (m.Event !== undefined) onMessage(m);
      return;
    }
    if (m.Response !== undefined) {
      if (w.list === null || m.Response !== 'Success') {
        this.waiting.delete(id);
        w.resolve([m]);
      } else w.list.push(m);
      return;
    }
    w.list?.push(m);
    if (w.done?.(m) === true) {
      this.waiting.delete(id);
      w.resolve(w.list ?? [m]);
    }
  }
}
