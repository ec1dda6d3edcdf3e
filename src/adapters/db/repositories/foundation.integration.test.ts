import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test-databases.js';
import { UserRepository } from './user-repository.js';
import { SessionRepository } from './session-repository.js';
import { ApiTokenRepository } from './api-token-repository.js';
import { AuditRepository } from './audit-repository.js';
import { SettingsRepository } from './settings-repository.js';
import { newId } from '../../../core/shared/ids.js';
import { systemRandom } from '../../system-random.js';
import type { UserWithSecret } from '../../../core/users/user.js';

const T0 = Date.parse('2026-03-02T09:15:00+08:00');

function aUser(over: Partial<UserWithSecret> = {}): UserWithSecret {
  return {
    id: newId(systemRandom, T0, 'u_'),
    username: 'ana',
    displayName: '安娜',
    role: 'agent',
    team: 'hotline-1',
    active: true,
    createdAt: T0,
    updatedAt: T0,
    passwordHash: 'scrypt$x',
    ...over,
  };
}

describeEachDatabase('foundation repositories', (getDb) => {
  it('stores users and finds them by name and id, times as numbers', async () => {
    const users = new UserRepository(getDb().db);
    const u = aUser();
    await users.insert(u);
    expect(await users.findByUsername('ana')).toEqual(u);
    expect(await users.findById(u.id)).toEqual(u);
    expect(await users.count()).toBe(1);
    const listed = await users.list();
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty('passwordHash');
    expect(typeof listed[0]?.createdAt).toBe('number');
  });

  it('rejects a second user with the same name', async () => {
    const users = new UserRepository(getDb().db);
    await users.insert(aUser());
    await expect(users.insert(aUser({ id: newId(systemRandom, T0, 'u_') }))).rejects.toThrow();
  });

  it('updates role and deactivates', async () => {
    const users = new UserRepository(getDb().db);
    const u = aUser();
    await users.insert(u);
    await users.update(u.id, { role: 'supervisor', active: false }, T0 + 1000);
    const after = await users.findById(u.id);
    expect(after?.role).toBe('supervisor');
    expect(after?.active).toBe(false);
    expect(after?.updatedAt).toBe(T0 + 1000);
  });

  it('keeps sessions until deleted or expired', async () => {
    const db = getDb().db;
    const u = aUser();
    await new UserRepository(db).insert(u);
    const sessions = new SessionRepository(db);
    await sessions.insert({ id: 'h1', userId: u.id, csrfToken: 'c', createdAt: T0, expiresAt: T0 + 1000, ip: '127.0.0.1' });
    await sessions.insert({ id: 'h2', userId: u.id, csrfToken: 'c', createdAt: T0, expiresAt: T0 + 5000, ip: null });
    expect((await sessions.find('h1'))?.userId).toBe(u.id);
    expect(await sessions.deleteExpired(T0 + 2000)).toBe(1);
    expect(await sessions.find('h1')).toBeUndefined();
    await sessions.deleteForUser(u.id);
    expect(await sessions.find('h2')).toBeUndefined();
  });

  it('finds only unrevoked tokens', async () => {
    const db = getDb().db;
    const u = aUser();
    await new UserRepository(db).insert(u);
    const tokens = new ApiTokenRepository(db);
    await tokens.insert({ id: 't1', userId: u.id, name: 'pbx', tokenHash: 'abc', createdAt: T0, lastUsedAt: null, revokedAt: null });
    expect((await tokens.findActiveByHash('abc'))?.name).toBe('pbx');
    await tokens.touch('t1', T0 + 5);
    expect((await tokens.findActiveByHash('abc'))?.lastUsedAt).toBe(T0 + 5);
    await tokens.revokeForUser(u.id, T0 + 10);
    expect(await tokens.findActiveByHash('abc')).toBeUndefined();
  });

  it('appends audit entries and lists newest first with filters', async () => {
    const audit = new AuditRepository(getDb().db);
    for (let i = 0; i < 3; i++) {
      await audit.append({ id: newId(systemRandom, T0 + i), at: T0 + i, actorId: null, actorName: 'admin', action: i === 2 ? 'customer.pii_read' : 'auth.login', targetType: 'customer', targetId: 'c1', detail: { i }, ip: null });
    }
    const all = await audit.list({ limit: 10 });
    expect(all.map((e) => e.detail?.i)).toEqual([2, 1, 0]);
    expect(await audit.list({ limit: 10, action: 'customer.pii_read' })).toHaveLength(1);
  });

  it('upserts settings', async () => {
    const s = new SettingsRepository(getDb().db);
    expect(await s.get('x')).toBeUndefined();
    await s.put('x', { a: 1 }, T0);
    await s.put('x', { a: 2 }, T0 + 1);
    expect(await s.get('x')).toEqual({ a: 2 });
  });
});
