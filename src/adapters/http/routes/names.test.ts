import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../test-app.js';

let t: TestApp;
afterEach(async () => t?.close());

describe('GET /api/names', () => {
  it('names people and queues as the centre calls them, and only those the reader’s lists show', async () => {
    t = await createTestApp({ dialect: 'sqlite' });
    const make = (username: string, displayName: string, role: 'agent' | 'supervisor' | 'qa' | 'admin', team: string | null) => t.ctx.users.createUser({ username, password: TEST_PASSWORD, role, displayName, team });
    await make('zhou', '小周', 'agent', '一组');
    await make('li', '李娜', 'agent', '一组');
    await make('wang', '王强', 'agent', '二组');
    await make('chen', '陈主管', 'supervisor', null);
    await make('lin', '林质检', 'qa', null);
    await make('root2', '系统管理员', 'admin', null);
    const agent = await t.as('agent', { username: 'zhou' });
    const res = await t.app.inject({ url: '/api/names', headers: agent });
    expect(res.statusCode, res.body).toBe(200);
    // An agent: their team's colleagues, the leads and inspectors; not another team's agents, never an administrator.
    expect(res.json().people).toEqual({ zhou: '小周', li: '李娜', chen: '陈主管', lin: '林质检' });
    expect(res.json().queues).toMatchObject({ hotline: '服务热线' });
    expect(res.json().timeZone).toBe('Asia/Shanghai');
    const lead = (await t.app.inject({ url: '/api/names', headers: await t.as('supervisor', { username: 'chen' }) })).json();
    expect(lead.people).toMatchObject({ zhou: '小周', li: '李娜', wang: '王强', lin: '林质检' });
    expect(Object.keys(lead.people)).not.toContain('root2');
    expect((await t.app.inject({ url: '/api/names' })).statusCode).toBe(401);
  });
});
