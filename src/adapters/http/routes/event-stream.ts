import { Socket } from 'node:net';
import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { rolesAll } from '../access.js';
import type { DomainEvent } from '../../../core/shared/event-bus.js';
import type { User } from '../../../core/users/user.js';
import { streamEventView } from '../personal-data-views.js';

const HEARTBEAT_MS = 15_000;

/** Agents see the events of their own calls (and tickets assigned to them); other roles see all. */
function visibleTo(user: User, e: DomainEvent): boolean {
  if (user.role !== 'agent') return true;
  // Walk-in events carry queue numbers and usernames only: every screen (the waiting-room display too) needs them.
  if (e.type.startsWith('visit.')) return true;
  if (e.type.startsWith('call.')) return e.agent === user.username;
  return e.agent === user.username || e.assigneeId === user.id || e.assignee === user.username || e.agentId === user.id;
}

/**
 * `GET /api/events/stream`: server-sent events for the live desk and dashboard. Forwards every
 * `call.*` and `ticket.*` event of the in-process bus as `event: <type>` / `data: <json>`, with a
 * comment line every 15 s so proxies keep the connection open; every stream ends cleanly when the
 * server shuts down.
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
        description: 'text/event-stream: `event: call.answered` + `data: {…}` per event; a `: heartbeat` comment every 15 s. Agents receive only their own calls\' events.',
      },
    },
    async (req, reply) => {
      const user = req.user!;
      // An in-process request (tests, `inject`) has no socket to keep open: answer the handshake and end.
      if (!(req.raw.socket instanceof Socket)) {
        return reply.type('text/event-stream').header('cache-control', 'no-cache').send(': connected\n\n');
      }
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no', 'x-request-id': req.id });
      res.write(': connected\n\n');
      let counter = 0;
      const unsubscribe = ctx.events.on('*', (e) => {
        if (!(e.type.startsWith('call.') || e.type.startsWith('ticket.') || e.type.startsWith('callback.') || e.type.startsWith('visit.')) || !visibleTo(user, e)) return;
        res.write(`id: ${++counter}\nevent: ${e.type}\ndata: ${JSON.stringify(streamEventView(e))}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      const end = (): void => {
        if (!open.delete(end)) return;
        clearInterval(heartbeat);
        unsubscribe();
        res.end();
      };
      open.add(end);
      req.raw.on('close', end);
    },
  );
}
