import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runCli } from '../test-io.js';

const ideal = JSON.stringify(JSON.parse(readFileSync('examples/transcripts/ideal-call.json', 'utf8')));

describe('kefu qa', () => {
  it('judges a .json file: the ideal call scores 100', async () => {
    const run = await runCli(['qa', 'examples/transcripts/ideal-call.json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { score: number; standard: string };
    expect(result).toMatchObject({ score: 100, standard: 'default@1' });
  });

  it('streams JSONL from stdin: a bad line is reported with its number, the others still judged in order', async () => {
    const stdin = [ideal, '{not json', JSON.stringify({ id: 'x', utterances: [{ speaker: 'robot', text: '你好' }] }), ideal.replace('"ideal-call"', '"second"')].join('\n');
    const run = await runCli(['qa', '-'], { stdin });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^line 2: not valid JSON/m);
    expect(run.stderr).toMatch(/^line 3: invalid transcript: utterances\.0\.speaker/m);
    const ids = run.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids).toEqual(['ideal-call', 'second']);
  });

  it('prints a readable report in Chinese or English', async () => {
    const zh = await runCli(['qa', 'examples/transcripts/bad-call.json', '--format', 'text']);
    expect(zh.stdout).toContain('我不知道');
    expect(zh.stdout).toContain('建议话术');
    const en = await runCli(['qa', 'examples/transcripts/bad-call.json', '--format', 'text', '--lang', 'en']);
    expect(en.stdout).toContain('Say instead');
  });

  it('judges every transcript of a JSON array and of a .jsonl file', async () => {
    const run = await runCli(['qa', 'examples/transcripts/chats.jsonl']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n').length).toBeGreaterThan(1);
  });

  it('rejects an unknown format with a usage error', async () => {
    const run = await runCli(['qa', '-', '--format', 'xml'], { stdin: '' });
    expect(run.code).toBe(2);
  });
});
