import { afterEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../db/test-databases.js';
import { createTestApp, type TestApp } from '../test-app.js';
import { applyRetention, readRetention } from '../../privacy/retention.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const KEY = Buffer.alloc(32, 7).toString('base64');
const DAY = 86_400_000;
/** A tiny PNG (1×1) with a marker after its header, to look for in what is stored. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-身份证-110101199003071234-marker')]);

/**
 * VS-PRIVACY over HTTP: an ID copy is kept only with a purpose, sealed at rest, opened only by a
 * role that may see ID numbers, always under the watermark, each view audited, and deleted by the
 * daily retention run after its period.
 */
describeEachDatabase('walk-in ID copies', (_db, dialect) => {
  let t: TestApp;
  afterEach(() => t.close());
  const as = async (user: string) => t.as(user === 'sup' ? 'supervisor' : 'agent', { username: user });

  it('kept sealed with a purpose, opened watermarked by a supervisor only, each view audited, gone after the retention period', async () => {
    t = await createTestApp({ dialect, env: { KEFU_ID_COPY_KEY: KEY } });
    const visitId = (await t.app.inject({ method: 'POST', url: '/api/visits', headers: await as('desk'), payload: { visitor: { surname: '陈女士' }, purpose: '办理产权变更' } })).json().id as string;
    const upload = (payload: object, user = 'desk') => as(user).then((headers) => t.app.inject({ method: 'POST', url: `/api/visits/${visitId}/id-copies`, headers, payload }));

    const noPurpose = await upload({ content: PNG.toString('base64') });
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json().error.fields[0]).toMatchObject({ path: 'purpose' });
    const notImage = await upload({ purpose: '产权变更', content: Buffer.from('%PDF-1.4 not an image').toString('base64') });
    expect(notImage.statusCode).toBe(400);
    expect(notImage.json().error.fields[0]).toMatchObject({ path: 'content' });

    const stored = await upload({ purpose: '产权变更', content: PNG.toString('base64') });
    expect(stored.statusCode, stored.body).toBe(201);
    const copy = stored.json() as Json;
    expect(copy).toMatchObject({ visitId, purpose: '产权变更', contentType: 'image/png', size: PNG.length, storedBy: 'desk' });

    // At rest: neither the image nor its text, only ciphertext under a key id.
    const row = await t.ctx.database.db.selectFrom('visit_id_copies').selectAll().executeTakeFirstOrThrow();
    expect(Buffer.from(row.ciphertext, 'base64').includes(Buffer.from('marker'))).toBe(false);
    expect(JSON.stringify(row)).not.toContain('110101199003071234');
    expect(row.key_id).toMatch(/^[0-9a-f]{16}$/);

    // The agent sees that a copy exists and may not open it; the supervisor may.
    const listed = await t.app.inject({ method: 'GET', url: `/api/visits/${visitId}/id-copies`, headers: await as('desk') });
    expect(listed.json()).toMatchObject({ items: [{ id: copy.id, purpose: '产权变更' }], mayView: false, retentionDays: 30 });
    expect((await t.app.inject({ method: 'GET', url: `/api/visits/id-copies/${copy.id}`, headers: await as('desk') })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/visits/${visitId}/id-copies`, headers: await as('sup') })).json().mayView).toBe(true);
    const view = await t.app.inject({ method: 'GET', url: `/api/visits/id-copies/${copy.id}`, headers: await as('sup') });
    expect(view.statusCode).toBe(200);
    expect(view.headers['content-type']).toContain('image/svg+xml');
    expect(view.headers['cache-control']).toBe('no-store');
    expect(view.body).toContain('再次复印无效');
    expect(view.body).toContain('2026-03-02 09:00 仅供产权变更使用');
    expect(view.body).toContain('查看人 sup');
    // The image is inside, under the watermark, and nowhere bare.
    expect(view.body).toContain(`data:image/png;base64,${PNG.toString('base64')}`);
    await t.app.inject({ method: 'GET', url: `/api/visits/id-copies/${copy.id}`, headers: await as('sup') });
    const audits = await t.ctx.database.db.selectFrom('audit_log').select(['action', 'actor_name']).where('action', 'like', 'visit.id_copy%').execute();
    expect(audits.map((a) => `${a.action} ${a.actor_name}`).sort()).toEqual(['visit.id_copy_stored desk', 'visit.id_copy_viewed sup', 'visit.id_copy_viewed sup']);

    // Changed bytes fail the tag: refused, not shown.
    await t.ctx.database.db.updateTable('visit_id_copies').set({ ciphertext: Buffer.from('tampered-bytes-here').toString('base64') }).execute();
    expect((await t.app.inject({ method: 'GET', url: `/api/visits/id-copies/${copy.id}`, headers: await as('sup') })).statusCode).toBe(409);

    // The daily retention run: kept for 30 days, then deleted.
    const policy = await readRetention(t.ctx.settings);
    expect((await applyRetention(t.ctx.database.db, policy, t.clock.now() + 29 * DAY)).idCopiesDeleted).toBe(0);
    expect((await applyRetention(t.ctx.database.db, policy, t.clock.now() + 31 * DAY)).idCopiesDeleted).toBe(1);
    expect((await t.app.inject({ method: 'GET', url: `/api/visits/id-copies/${copy.id}`, headers: await as('sup') })).statusCode).toBe(404);
  });

  it('without a configured key no copy is kept (409)', async () => {
    t = await createTestApp({ dialect });
    const visitId = (await t.app.inject({ method: 'POST', url: '/api/visits', headers: await as('desk'), payload: { visitor: { surname: '陈' }, purpose: '咨询' } })).json().id as string;
    const res = await t.app.inject({ method: 'POST', url: `/api/visits/${visitId}/id-copies`, headers: await as('desk'), payload: { purpose: '委托办理', content: PNG.toString('base64') } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('KEFU_ID_COPY_KEY');
    expect(await t.ctx.database.db.selectFrom('visit_id_copies').selectAll().execute()).toEqual([]);
  });
});
