import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test-databases.js';
import { StandardVersionRepository } from './standard-version-repository.js';

describeEachDatabase('StandardVersionRepository', (getDb) => {
  it('numbers versions 1, 2, 3 and returns the newest as the one in force', async () => {
    const repo = new StandardVersionRepository(getDb().db);
    expect(await repo.latest()).toBeUndefined();
    for (const n of [1, 2, 3]) {
      const v = await repo.append({ packId: 'default', content: { n }, source: `n: ${n}\n`, comment: n === 3 ? '加入禁语“不清楚”' : null, createdAt: 1000 + n, createdBy: 'lin' });
      expect(v).toBe(n);
    }
    expect((await repo.latest())?.content).toEqual({ n: 3 });
    expect((await repo.get(2))?.source).toBe('n: 2\n');
    expect((await repo.list()).map((s) => s.version)).toEqual([3, 2, 1]);
    expect((await repo.list())[0]?.comment).toBe('加入禁语“不清楚”');
  });
});
