import type { HttpApp } from './types.js';
import type { ChangeSignals, ChangeTopic } from '../cluster/change-signals.js';

/**
 * Which successful writes change what other server processes cache (issue #20). After such a
 * write commits, its topic is signalled before the answer leaves, so by the time the client sees
 * its 200 every other process has been told (LISTEN/NOTIFY; see cluster/change-signals.ts).
 * A route family that adds a cached setting adds its line here (or signals itself).
 */
const topicsByRoute: ReadonlyArray<readonly [RegExp, ChangeTopic]> = [
  [/^\/api\/ticket-settings(?:[/?]|$)/, 'ticket-settings'],
  [/^\/api\/calendars\/(?!deadline(?:[/?]|$))/, 'calendars'],
  [/^\/api\/standard(?:[/?]|$)/, 'standard'],
  [/^\/api\/users(?:[/?]|$)/, 'users'],
  [/^\/api\/reviews\/settings(?:[/?]|$)/, 'settings'],
  [/^\/api\/retention(?:[/?]|$)/, 'retention'],
];

export function topicOfWrite(method: string, url: string): ChangeTopic | undefined {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return undefined;
  return topicsByRoute.find(([re]) => re.test(url))?.[1];
}

export function installChangeBroadcast(app: HttpApp, changes: ChangeSignals): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode >= 400) return payload;
    const topic = topicOfWrite(req.method, req.url);
    if (topic) {
      try {
        await changes.signal(topic);
      } catch (e) {
        // The write is done; a lost signal costs staleness until the other processes' next resync.
        req.log.warn({ err: e, topic }, 'change signal not sent');
      }
    }
    return payload;
  });
}
