import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { retentionPolicySchema, retentionViewSchema } from '../../../contract/retention.js';
import { RETENTION_SETTINGS_KEY } from '../../../core/retention/retention-policy.js';
import { nextRetentionRun } from '../../../core/retention/daily-run.js';
import { readRetention } from '../../privacy/retention.js';

const tags = ['retention'];

/** Retention periods per data kind (PIPL, issue #20); the daily job enforces them. */
export function retentionRoutes(app: HttpApp, ctx: AppContext): void {
  const view = async () => ({ policy: await readRetention(ctx.settings), nextRun: nextRetentionRun(ctx.clock.now(), ctx.config.timeZone) });

  app.get(
    '/api/retention',
    { config: { access: ['manager', 'admin'] }, schema: { tags, summary: 'Retention periods per data kind and the next daily run', response: { 200: retentionViewSchema } } },
    async () => view(),
  );

  app.put(
    '/api/retention',
    {
      config: { access: ['admin'] },
      schema: { tags, summary: 'Set the retention periods (null keeps a kind for ever); audited', body: retentionPolicySchema, response: { 200: retentionViewSchema } },
    },
    async (req) => {
      await ctx.settings.put(RETENTION_SETTINGS_KEY, req.body, ctx.clock.now());
      await ctx.audit.record({ actor: { id: req.user?.id ?? null, name: req.user?.username ?? null }, action: 'retention.updated', target: { type: 'retention', id: 'policy' }, detail: req.body, ip: req.ip });
      return view();
    },
  );
}
