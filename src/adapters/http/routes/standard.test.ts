import { afterEach, describe, expect, it } from 'vitest';
import type { Dialect } from '../../db/database.js';
import { createTestApp, type TestApp } from '../test-app.js';

const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

for (const dialect of dialects) {
  describe(`PUT /api/standard puts a pack's errors at their lines [${dialect}]`, () => {
    let t: TestApp;
    afterEach(async () => t.close());

    it('a pack sent as text is refused with each error at its line and named by rule id, and nothing is stored', async () => {
      t = await createTestApp({ dialect });
      const qa = await t.as('qa');
      const current = (await t.app.inject({ url: '/api/standard', headers: qa })).json();
      const lines: string[] = current.source.split('\n');
      // Break the kind of the first rule, where the author typed it.
      const kindLine = lines.findIndex((l) => /^\s+kind: /.test(l));
      expect(kindLine).toBeGreaterThan(0);
      lines[kindLine] = lines[kindLine]!.replace(/kind: .*/, 'kind: phrases');
      const res = await t.app.inject({ method: 'PUT', url: '/api/standard', headers: qa, payload: { source: lines.join('\n') } });
      expect(res.statusCode).toBe(400);
      const field = res.json().error.fields[0];
      expect(field).toMatchObject({ path: 'rules.0.kind', line: kindLine + 1 });
      expect(field.place).toMatch(/^rules\[[^\]]+\]\.kind$/);
      expect(field.message).toMatch(/unknown rule kind "phrases"/);
      // Issue #21: what is wrong as a code and params, for the editor to word in the author's language.
      expect(field).toMatchObject({ code: 'one_of', params: { values: expect.stringContaining('speech-rate') } });
      expect((await t.app.inject({ url: '/api/standard/versions', headers: qa })).json().items).toHaveLength(1);
    });

    it('a source that is not YAML at all is refused at the line the parser stopped on', async () => {
      t = await createTestApp({ dialect });
      const admin = await t.as('admin');
      const res = await t.app.inject({ method: 'PUT', url: '/api/standard', headers: admin, payload: { source: 'id: x\nrules:\n  - id: "unclosed\n' } });
      expect(res.statusCode).toBe(400);
      const fields: Array<{ line: number; message: string; code?: string }> = res.json().error.fields;
      expect(fields.length).toBeGreaterThan(0);
      expect(fields.every((f) => Number.isInteger(f.line) && f.line >= 1)).toBe(true);
      expect(fields.every((f) => f.code === 'invalid_yaml')).toBe(true);
    });
  });
}
