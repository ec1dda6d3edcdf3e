import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app.js';

const example = (name: string) => JSON.parse(fs.readFileSync(new URL(`../../../../examples/transcripts/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

let t: TestApp;
afterEach(async () => t?.close());

describe('POST /api/qa/inspect', () => {
  it('judges one transcript by the standard in force and names its version', async () => {
    t = await createTestApp();
    const headers = await t.as('qa');
    const res = await t.app.inject({ method: 'POST', url: '/api/qa/inspect', headers, payload: example('ideal-call.json') });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.standard).toBe('default@1');
    expect(r.score).toBe(100);
    expect(r.fatal).toBe(false);
  });

  it('a bad call is fatal with evidence and the replacement wording; a batch keeps input order', async () => {
    t = await createTestApp();
    const headers = await t.as('agent');
    const res = await t.app.inject({ method: 'POST', url: '/api/qa/inspect', headers, payload: { transcripts: [example('bad-call.json'), example('ideal-call.json')] } });
    expect(res.statusCode).toBe(200);
    const [bad, good] = res.json().results;
    expect(bad.fatal).toBe(true);
    expect(bad.score).toBe(0);
    const taboo = bad.checks.find((c: { rule: string }) => c.rule === 'PH-TABOO');
    expect(taboo.ok).toBe(false);
    expect(taboo.evidence[0].quote).toContain('不知道');
    expect(taboo.suggestion).toBeTruthy();
    expect(good.score).toBe(100);
  });

  it('an invalid transcript is a 400 naming the field, inside a batch too', async () => {
    t = await createTestApp();
    const headers = await t.as('qa');
    const res = await t.app.inject({ method: 'POST', url: '/api/qa/inspect', headers, payload: { transcripts: [example('ideal-call.json'), { utterances: [{ speaker: 'robot', text: 1 }] }] } });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toContain('transcripts.1.utterances.0.speaker');
  });
});

describe('/api/standard', () => {
  it('stores a new version, and results name it; history lists both; agents may not edit', async () => {
    t = await createTestApp();
    const qa = await t.as('qa');
    const current = (await t.app.inject({ url: '/api/standard', headers: qa })).json();
    expect(current.version).toBe(1);
    const source = current.source.replace(/^name: .*$/m, 'name: 本中心标准 v2');
    const put = await t.app.inject({ method: 'PUT', url: '/api/standard', headers: qa, payload: { source, comment: '改名' } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ version: 2, label: 'default@2' });
    const r = (await t.app.inject({ method: 'POST', url: '/api/qa/inspect', headers: qa, payload: example('ideal-call.json') })).json();
    expect(r.standard).toBe('default@2');
    const history = (await t.app.inject({ url: '/api/standard/versions', headers: qa })).json();
    expect(history.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(history.items[0]).toMatchObject({ comment: '改名', createdBy: 't-qa' });
    const agent = await t.as('agent');
    expect((await t.app.inject({ method: 'PUT', url: '/api/standard', headers: agent, payload: { source } })).statusCode).toBe(403);
  });

  it('a broken pack is refused with path-named errors and nothing is stored', async () => {
    t = await createTestApp();
    const admin = await t.as('admin');
    const current = (await t.app.inject({ url: '/api/standard', headers: admin })).json();
    const broken = { ...current.pack, rules: [{ ...current.pack.rules[0], kind: 'phrases' }, ...current.pack.rules.slice(1)] };
    const res = await t.app.inject({ method: 'PUT', url: '/api/standard', headers: admin, payload: { pack: broken } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'rules.0.kind' });
    expect(res.json().error.fields[0].message).toMatch(/unknown rule kind "phrases"/);
    expect((await t.app.inject({ url: '/api/standard/versions', headers: admin })).json().items).toHaveLength(1);
  });
});
