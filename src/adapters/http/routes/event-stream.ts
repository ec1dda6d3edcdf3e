import { Socket } from 'node:net';
import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { rolesAll } from '../access.js';
import type { User } from '../../../core/users/user.js';
import type { LoggedEvent } from '../../cluster/event-log.js';

const HEARTBEAT_MS = 15_000;

/** Agents see the events of their own calls (and tickets assigned to them); other roles see all. */
function visibleTo(user: User, type: string, e: Record<string, unknown>): boolean {
  if (user.role !== 'agent') return true;
  // Walk-in events carry queue numbers and usernames only: every screen (the waiting-room display too) needs them.
  if (type.startsWith('visit.')) return true;
  if (type.startsWith('call.')) return e.agent === user.username;
  return e.agent === user.username || e.assigneeId === user.id || e.assignee === user.username || e.agentId === user.id;
}

/** `Last-Event-ID` (what EventSource sends on reconnect) or `?lastEventId=` (a fresh page resuming). */
function lastEventIdOf(header: unknown, query: unknown): number | undefined {
  const raw = typeof header === 'string' ? header : typeof query === 'string' ? query : undefined;
  if (raw === undefined || !/^\d{1,15}$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

/**
 * `GET /api/events/stream`: server-sent events for the live desk and dashboard, from the event
 * log every server process writes (issue #20), so an event posted to any process reaches streams
 * on all of them. Each event goes out as `id: <sequence id>` / `event: <type>` / `data: <json>`;
 * a client that reconnects with `Last-Event-ID` first gets the events after that id still kept
 * (then the live ones, none twice); when that id is older than the log keeps, an
 * `event: stream.reset` says the client must reload its state. A comment line every 15 s keeps
 * proxies from closing an idle stream; every stream ends cleanly when the server shuts down.
 */
export function eventStreamRoutes(app: HttpApp, ctx: AppContext): void {
  const open = new Set<() => void>();
  // preClose, not onClose: the server waits for open connections, and these never end by themselves.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get(
    '/api/events/stream',
    {
      config: { access: rolesAll },
      schema: {
        tags: ['events'],
        summary: 'Live call and ticket events (server-sent events)',
        description:
          'text/event-stream: `id: <seq>` + `event: call.answered` + `data: {…}` per event; a `: heartbeat` comment every 15 s. Reconnect with `Last-Event-ID` (or `?lastEventId=`) to receive what was missed within the retention window; `event: stream.reset` when that id is no longer kept. Agents receive only their own calls\' events.',
      },
    },
    async (req, reply) => {
      const user = req.user!;
      // An in-process request (tests, `inject`) has no socket to keep open: answer the handshake and end.
      if (!(req.raw.socket instanceof Socket)) {
        return reply.type('text/event-stream').header('cache-control', 'no-cache').send(': connected\n\n');
      }
      const log = ctx.eventLog;
      const resumeFrom = lastEventIdOf(req.headers['last-event-id'], (req.query as Record<string, unknown> | undefined)?.lastEventId);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no', 'x-request-id': req.id, 'x-kefu-instance': String(process.pid) });
      // retry: how long EventSource waits before reconnecting (a killed process's streams come back fast).
      res.write('retry: 1000\n: connected\n\n');

      let sent = resumeFrom ?? 0;
      let catchingUp = true;
      const pending: LoggedEvent[] = [];
      let ended = false;
      const send = (e: LoggedEvent): void => {
        if (ended || e.seq <= sent) return;
        sent = e.seq;
        if (!visibleTo(user, e.type, e.data)) return;
        res.write(`id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`);
      };
      // Subscribe before reading the missed rows: what the tail delivers meanwhile waits in
      // `pending`, and `sent` drops whatever both paths carry.
      const unsubscribe = log.subscribe({ deliver: (e) => (catchingUp ? pending.push(e) : send(e)) });
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      const end = (): void => {
        if (!open.delete(end)) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        res.end();
      };
      open.add(end);
      req.raw.on('close', end);

      try {
        // Bring this process's tail up to date (an idle process does not poll), then:
        await log.settle();
        // a fresh stream starts at the newest event (sends none of what came before);
        if (resumeFrom === undefined) sent = log.delivered;
        const upTo = log.delivered;
        const oldest = resumeFrom === undefined ? undefined : await log.oldestSeq();
        // The id is older than the log keeps (pruned by retention, or the log emptied): what was
        // missed cannot be replayed, so the client is told to reload its state instead.
        const expired = resumeFrom !== undefined && resumeFrom < upTo && (oldest === undefined || oldest > resumeFrom + 1);
        if (expired) {
          res.write(`event: stream.reset\ndata: ${JSON.stringify({ reason: 'expired', lastEventId: resumeFrom })}\n\n`);
          sent = Math.max(sent, (oldest ?? upTo + 1) - 1);
        }
        for (let after = sent; after < upTo && !ended; ) {
          const page = await log.readRange(after, upTo);
          if (page.length === 0) break;
          for (const e of page) send(e);
          after = page[page.length - 1]!.seq;
        }
      } catch (e) {
        req.log.warn({ err: e }, 'event stream catch-up failed');
        end();
        return;
      }
      catchingUp = false;
      for (const e of pending.splice(0)) send(e);
    },
  );
}
