import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dialect } from '../../db/database.js';
import type { Role } from '../../../core/users/roles.js';
import { createTestApp, type TestApp } from '../test-app.js';
import { SettingsRepository } from '../../db/repositories/settings-repository.js';
import { createCrmServices } from '../../crm-services.js';
import { TICKET_SETTINGS_KEY, TicketSettingsRepository } from '../../db/repositories/ticket-settings-repository.js';

// Issue #12 defect 11: teams are private on a new install. An agent of team B may not view, edit,
// escalate, resolve or close team A's tickets; an admin may open the teams with one setting.

const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const T0 = Date.parse('2026-03-02T09:15:00+08:00');
const repair = { type: 'repair', customerName: '孙先生', contactPhone: '13812341234', description: '光猫红灯闪烁，宽带断网两天', team: 'A' };

for (const dialect of dialects) {
  describe(`private teams by default [${dialect}]`, () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await createTestApp({ dialect, start: T0 });
    });
    afterEach(async () => t.close());

    const call = async (who: { role: Role; username: string; team: string | null }, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) => {
      const headers = await t.as(who.role, { username: who.username, ...(who.team !== null && { team: who.team }) });
      const res = await t.app.inject({ method, url, headers, ...(payload !== undefined && { payload: payload as object }) });
      return { status: res.statusCode, body: res.json() as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const a1 = { role: 'agent', username: 'a1', team: 'A' } as const;
    const a2 = { role: 'agent', username: 'a2', team: 'A' } as const;
    const b1 = { role: 'agent', username: 'b1', team: 'B' } as const;
    const manager = { role: 'manager', username: 'mgr', team: null } as const;
    const admin = { role: 'admin', username: 'root', team: null } as const;

    it("an agent of team B can neither see nor change team A's tickets; a colleague of team A and a manager can", async () => {
      expect((await call(admin, 'GET', '/api/ticket-settings')).body.teamsPrivate).toBe(true);
      const created = await call(a1, 'POST', '/api/tickets', repair);
      expect(created.status).toBe(201);
      const id = created.body.ticket.id as string;

      expect((await call(b1, 'GET', `/api/tickets/${id}`)).status).toBe(403);
      expect((await call(b1, 'GET', '/api/tickets')).body.items).toEqual([]);
      expect((await call(b1, 'PATCH', `/api/tickets/${id}`, { priority: 'high' })).status).toBe(403);
      expect((await call(b1, 'POST', `/api/tickets/${id}/escalate`, { reason: '越权升级' })).status).toBe(403);
      expect((await call(b1, 'POST', `/api/tickets/${id}/promises`, { within: '4h' })).status).toBe(403);
      expect((await call(b1, 'POST', `/api/tickets/${id}/resolve`, { solution: '越权解决' })).status).toBe(403);
      // Resolved by its own team, it still cannot be closed or reopened from team B.
      expect((await call(a2, 'POST', `/api/tickets/${id}/resolve`, { solution: '更换光猫后恢复' })).status).toBe(200);
      expect((await call(b1, 'POST', `/api/tickets/${id}/close`, {})).status).toBe(403);
      expect((await call(b1, 'POST', `/api/tickets/${id}/reopen`, { reason: '越权重开' })).status).toBe(403);

      const detail = await call(manager, 'GET', `/api/tickets/${id}`);
      expect(detail.status).toBe(200);
      // Nothing team B tried is in the history.
      expect(detail.body.history.map((h: { actorName: string | null }) => h.actorName)).not.toContain('b1');
      expect(detail.body.ticket.priority).not.toBe('high');
      expect((await call(a2, 'POST', `/api/tickets/${id}/close`, {})).status).toBe(200);
    });

    it('an admin opens the teams with the teamsPrivate setting', async () => {
      const id = (await call(a1, 'POST', '/api/tickets', repair)).body.ticket.id as string;
      const settings = (await call(admin, 'GET', '/api/ticket-settings')).body;
      expect((await call(admin, 'PUT', '/api/ticket-settings', { ...settings, teamsPrivate: false })).status).toBe(200);
      expect((await call(b1, 'GET', `/api/tickets/${id}`)).status).toBe(200);
      expect((await call(b1, 'POST', `/api/tickets/${id}/resolve`, { solution: '同事代为处理，已恢复' })).status).toBe(200);
    });

    it('an install that stored its settings keeps them (open teams stay open)', async () => {
      const { teamsPrivate: _, atRiskWithinMs: _derived, timeZone: _zone, ...older } = (await call(admin, 'GET', '/api/ticket-settings')).body;
      await new SettingsRepository(t.ctx.database.db).put(TICKET_SETTINGS_KEY, { ...older, teamsPrivate: false }, T0);
      t.ctx.crm.ticketSettings.invalidate();
      const id = (await call(a1, 'POST', '/api/tickets', repair)).body.ticket.id as string;
      expect((await call(b1, 'GET', `/api/tickets/${id}`)).status).toBe(200);
    });

    it('an install that has tickets from before the private default keeps its teams open on upgrade; a new one does not', async () => {
      const restart = () =>
        createCrmServices({
          db: t.ctx.database.db,
          dialect: t.ctx.database.dialect,
          clock: t.clock,
          random: t.ctx.random,
          audit: t.ctx.audit,
          ticketSettings: new TicketSettingsRepository(new SettingsRepository(t.ctx.database.db), t.clock),
          events: t.ctx.events,
          timeZone: 'Asia/Shanghai',
        });
      // A new install: no tickets, nothing stored, private.
      expect((await (await restart()).ticketSettings.get()).teamsPrivate).toBe(true);
      // An older install: tickets, and never a stored ticket setting.
      await call(a1, 'POST', '/api/tickets', repair);
      const upgraded = await restart();
      expect((await upgraded.ticketSettings.get()).teamsPrivate).toBe(false);
      expect((await new SettingsRepository(t.ctx.database.db).get<{ teamsPrivate: boolean }>(TICKET_SETTINGS_KEY))?.teamsPrivate).toBe(false);
    });
  });
}
