import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../test-io.js';
import { withApp } from '../with-app.js';

describe('kefu standard', () => {
  it('check passes the default pack', async () => {
    const run = await runCli(['standard', 'check', 'src/core/standard/default-pack.yaml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ok: default@1/);
  });

  it('check rejects a broken pack with path-named errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-pack-'));
    const file = join(dir, 'broken.yaml');
    const text = readFileSync('src/core/standard/default-pack.yaml', 'utf8')
      .replace('kind: speech-rate', 'kind: speech-rates')
      .replace("regex: ['^喂']", "regex: ['^(喂']");
    writeFileSync(file, text);
    const run = await runCli(['standard', 'check', file]);
    expect(run.code).toBe(1);
    // file:line: the rule by its id, not its position in the list.
    const line = text.split('\n').findIndex((l) => l.includes('kind: speech-rates')) + 1;
    expect(run.stderr).toContain(`${file}:${line}: rules[PH-RATE].kind: unknown rule kind "speech-rates"`);
  });

  it('show prints the pack in force as YAML or JSON', async () => {
    const yaml = await runCli(['standard', 'show']);
    expect(yaml.stdout).toContain('id: default');
    const json = await runCli(['standard', 'show', '--format', 'json']);
    expect((JSON.parse(json.stdout) as { version: number }).version).toBe(1);
  });
});

describe('kefu standard show with a database', () => {
  it('prints the version in force in the database, not the built-in file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-std-'));
    const env = { KEFU_DATA_DIR: dir };
    const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: { ...process.env, ...env }, cwd: process.cwd() };
    await withApp(io, async (ctx) => {
      const source = (await ctx.standard.active()).source.replace(/^name: .*$/m, 'name: 本中心 2026 版');
      await ctx.standard.update(source, { id: null, name: 'test' });
    });
    const r = await runCli(['standard', 'show', '--format', 'json'], { env });
    expect(r.code).toBe(0);
    const shown = JSON.parse(r.stdout);
    expect(shown.name).toBe('本中心 2026 版');
    expect(shown.version).toBe(2);
    rmSync(dir, { recursive: true, force: true });
  });

  // The pack explains itself in comments (why each phrase set exists); a version saved by a
  // program (the demo adding agent names) and `kefu standard show` used to drop them all.
  it('keeps the comments: a version saved as data is an edit of the source, and show prints the source', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-std-'));
    const env = { KEFU_DATA_DIR: dir };
    const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: { ...process.env, ...env }, cwd: process.cwd() };
    // Every comment, own-line or after a value, by its text (the writer may re-indent around it).
    const comments = (text: string) => text.split('\n').flatMap((l) => /(?:^|\s)#\s?(.*)$/.exec(l)?.[1]?.trim() ?? []);
    const original = readFileSync('src/core/standard/default-pack.yaml', 'utf8');
    await withApp(io, async (ctx) => {
      const active = await ctx.standard.active();
      await ctx.standard.update({ ...active.pack, variables: { ...active.pack.variables, agentNames: ['小周', '李娜'] } }, { id: null, name: 'demo' });
    });
    const yaml = await runCli(['standard', 'show'], { env });
    expect(yaml.code).toBe(0);
    expect(comments(yaml.stdout)).toEqual(comments(original));
    expect(yaml.stdout).toMatch(/agentNames:[\s\S]*李娜/);
    expect(yaml.stdout).toMatch(/^version: 1$/m);
    const json = JSON.parse((await runCli(['standard', 'show', '--format', 'json'], { env })).stdout) as { version: number; variables: { agentNames: string[] } };
    expect(json).toMatchObject({ version: 2, variables: { agentNames: ['小周', '李娜'] } });
    rmSync(dir, { recursive: true, force: true });
  });
});
