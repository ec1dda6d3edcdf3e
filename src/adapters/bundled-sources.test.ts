import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };

// bin/kefu.js runs the CLI from a bundle kept in node_modules/.cache/kefu (bundled-sources.js), so
// that a command does not start tsx's loader first. These run the real binary.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const inputsFile = path.join(root, 'node_modules/.cache/kefu/cli-inputs.json');
const mainSource = path.join(root, 'src/adapters/cli/main.ts');

function kefu(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', path.join(root, 'test/load-trace/register.mjs'), path.join(root, 'bin/kefu.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, KEFU_DATA_DIR: path.join(root, 'no-such-data-dir'), ...env },
  });
  const loaded = new Set([...r.stderr.matchAll(/^kefu-load-trace (.+)$/gm)].map((m) => m[1] ?? ''));
  return { status: r.status, stdout: r.stdout, loaded };
}

describe('the kefu command', () => {
  it('runs from a kept bundle of its sources, without tsx', () => {
    const r = kefu(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
    expect(r.loaded.has('commander')).toBe(true); // the trace works
    expect(r.loaded.has('tsx')).toBe(false);
    expect(JSON.parse(readFileSync(inputsFile, 'utf8'))).toContain(mainSource);
  });

  it("bundles again when the kept list of sources is another checkout's (a node_modules copied from there)", () => {
    expect(kefu(['--version']).status).toBe(0);
    const elsewhere = (JSON.parse(readFileSync(inputsFile, 'utf8')) as string[]).map((p) => p.replace(root, '/elsewhere/kefu'));
    writeFileSync(inputsFile, JSON.stringify(elsewhere));
    const r = kefu(['--version']);
    expect(r.status).toBe(0);
    expect(r.loaded.has('tsx')).toBe(false);
    const listed = JSON.parse(readFileSync(inputsFile, 'utf8')) as string[];
    expect(listed).toContain(mainSource);
    expect(listed.every((p) => p.startsWith(root))).toBe(true);
  });

  it('runs the sources through tsx when told not to use the bundle (KEFU_CLI_BUNDLE=0)', () => {
    const r = kefu(['--version'], { KEFU_CLI_BUNDLE: '0' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
    expect(r.loaded.has('tsx')).toBe(true);
    expect(existsSync(inputsFile)).toBe(true);
  });
});
