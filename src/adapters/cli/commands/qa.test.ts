import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  // Someone drags a recording or a spreadsheet onto the command: one clear line, not a line of
  // "not valid JSON" for every newline byte in the file.
  it('says in one line that a binary file is not a transcript', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-qa-'));
    try {
      for (const name of ['call.wav', 'calls.jsonl', 'call.json']) {
        const file = join(dir, name);
        writeFileSync(file, Buffer.concat([Buffer.from('RIFF\x24\x08\x00\x00WAVEfmt '), Buffer.alloc(64, 0), Buffer.from('\n\n\n')]));
        const run = await runCli(['qa', file]);
        expect(run.code).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr.trim().split('\n')).toEqual([`${file}: not a text file (binary data at byte 6); kefu qa reads transcripts as UTF-8 JSON (.json) or JSON Lines (.jsonl)`]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects an unknown format with a usage error', async () => {
    const run = await runCli(['qa', '-', '--format', 'xml'], { stdin: '' });
    expect(run.code).toBe(2);
  });
});
