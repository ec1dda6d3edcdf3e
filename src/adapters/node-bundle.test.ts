import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleForNode, cachedBundleForNode } from './node-bundle.js';

const dir = mkdtempSync(join(tmpdir(), 'kefu-bundle-'));
// Beside node_modules, as bench:kpi puts its bundle: the packages it leaves out (esbuild) resolve from there.
const cache = fileURLToPath(new URL('../../node_modules/.cache/', import.meta.url));
mkdirSync(cache, { recursive: true }); // absent after a fresh npm ci
const bundles = mkdtempSync(join(cache, 'kefu-bundle-test-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(bundles, { recursive: true, force: true });
});

describe('bundleForNode', () => {
  // bench:kpi bundles code that itself bundles the KPI worker: the bundler must survive being bundled,
  // and the worker it makes must still find its .wasm (a 2-thread report needs both).
  it('bundles code that bundles the KPI worker, and that worker reads a log', async () => {
    const entry = join(bundles, 'entry.mjs');
    await bundleForNode(new URL('./telephony/queue-log-kpi.ts', import.meta.url), { format: 'esm', packages: 'external', outfile: entry });
    const log = join(dir, 'queue_log');
    const t = (i: number) => 1700000000 + 10 * i;
    const lines = Array.from({ length: 4000 }, (_, i) => `${t(i)}|c${i}|Q|NONE|ENTERQUEUE||1|1\n${t(i) + 1}|c${i}|Q|PJSIP/1|CONNECT|1|x|1\n${t(i) + 5}|c${i}|Q|PJSIP/1|COMPLETECALLER|1|4|1`).join('\n');
    writeFileSync(log, `${lines}\n`);
    const script = `import { queueLogKpi } from ${JSON.stringify(entry)};
      const r = await queueLogKpi(${JSON.stringify(log)}, { by: 'total', thresholdSeconds: 15, ringLimitSeconds: 15, timeZone: 'UTC', threads: 2, segmentBytes: 20000, onRead: (s) => console.log(JSON.stringify(s)) });
      console.log(r.groups[0].offered);`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    const [read, offered] = out.trim().split('\n');
    expect(JSON.parse(read ?? '{}').byWorkers).toBeGreaterThan(0);
    expect(offered).toBe('4000');
  }, 60_000);

  it('keeps a bundle while its inputs are unchanged, and bundles again when one changes', async () => {
    const entry = join(dir, 'entry.ts');
    const helper = join(dir, 'helper.ts');
    writeFileSync(entry, "import { word } from './helper.ts';\nconsole.log(word);\n");
    writeFileSync(helper, "export const word = 'first';\n");
    const cache = join(dir, 'cache', 'entry.cjs');
    const first = await cachedBundleForNode(pathToFileURL(entry), cache, { format: 'cjs' });
    expect(first).toContain('first');
    expect(readFileSync(cache, 'utf8')).toBe(first);
    // Read back, not bundled again: a mark put in the kept file comes back.
    appendFileSync(cache, '// kept\n');
    expect(await cachedBundleForNode(pathToFileURL(entry), cache, { format: 'cjs' })).toContain('// kept');
    writeFileSync(helper, "export const word = 'second, edited';\n");
    const again = await cachedBundleForNode(pathToFileURL(entry), cache, { format: 'cjs' });
    expect(again).toContain('second, edited');
    expect(again).not.toContain('// kept');
  });
});
