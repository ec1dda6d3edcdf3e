import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-io.js';

const fixtures = 'test/fixtures/recognizers';
const dir = mkdtempSync(join(tmpdir(), 'kefu-transcripts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Check {
  rule: string;
  ok: boolean | null;
  evidence: { utterance: number }[];
}

const cases = [
  ['aliyun', 'aliyun-filetrans.json', '0'],
  ['tencent', 'tencent-asr-rec.json', '0'],
  ['iflytek', 'iflytek-lfasr.json', '1'],
  ['funasr', 'funasr-paraformer-spk.json', '0'],
  ['whisper', 'whisper-per-channel.json', '0'],
] as const;

describe('kefu import transcripts', () => {
  for (const [from, file, agentChannel] of cases) {
    it(`${from}: the documented result becomes a transcript kefu qa judges, the agent's lines as the agent's`, async () => {
      const out = join(dir, `${from}.json`);
      const run = await runCli(['import', 'transcripts', join(fixtures, file), '--from', from, '--agent-channel', agentChannel, '--out', out]);
      expect(run.code, run.stderr).toBe(0);
      const transcript = JSON.parse(readFileSync(out, 'utf8')) as { utterances: { speaker: string; text: string; start: number }[] };
      expect(transcript.utterances).toHaveLength(10);
      expect(transcript.utterances[0]).toMatchObject({ speaker: 'agent', start: 500 });
      expect(transcript.utterances[0]?.text).toContain('这里是恒通客服中心');
      expect(transcript.utterances[1]).toMatchObject({ speaker: 'customer' });
      expect(transcript.utterances.at(-1)).toMatchObject({ speaker: 'customer', text: '再见。' });

      const qa = await runCli(['qa', out]);
      expect(qa.code, qa.stderr).toBe(0);
      const checks = (JSON.parse(qa.stdout) as { checks: Check[] }).checks;
      const check = (rule: string) => checks.find((c) => c.rule === rule);
      // The opening and the closing are found in the agent's lines, where the agent said them.
      expect(check('PH-OPEN.greeting')).toMatchObject({ ok: true, evidence: [{ utterance: 0 }] });
      expect(check('PH-OPEN.identity')?.ok).toBe(true);
      expect(check('PH-CLOSE')?.ok).toBe(true);
      expect(check('PH-CLOSE-ASK')?.ok).toBe(true);
    });
  }

  it('the other channel as the agent swaps the sides (the setting decides who is who)', async () => {
    const run = await runCli(['import', 'transcripts', join(fixtures, 'aliyun-filetrans.json'), '--from', 'aliyun', '--agent-channel', '1']);
    expect(run.code).toBe(0);
    const t = JSON.parse(run.stdout) as { utterances: { speaker: string }[] };
    expect(t.utterances.slice(0, 2).map((u) => u.speaker)).toEqual(['customer', 'agent']);
  });

  it('a file of another service is refused naming the field it lacks and the service it looks like', async () => {
    const run = await runCli(['import', 'transcripts', join(fixtures, 'aliyun-filetrans.json'), '--from', 'tencent']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Data.ResultDetail');
    expect(run.stderr).toContain('--from aliyun');
    expect(run.stdout).toBe('');
  });

  it('two sentences of one side overlapping in time are refused, naming the sentence and its time field', async () => {
    const doc = JSON.parse(readFileSync(join(fixtures, 'aliyun-filetrans.json'), 'utf8')) as { Result: { Sentences: { BeginTime: number }[] } };
    (doc.Result.Sentences[2] as { BeginTime: number }).BeginTime = 4000; // the agent's 2nd line begins inside the 1st
    const file = join(dir, 'overlap.json');
    writeFileSync(file, JSON.stringify(doc));
    const run = await runCli(['import', 'transcripts', file, '--from', 'aliyun']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Result.Sentences.2.BeginTime');
    expect(run.stderr).toContain('Result.Sentences.0');
  });

  it('no sentence on the agent channel: refused, saying which channels there are', async () => {
    const run = await runCli(['import', 'transcripts', join(fixtures, 'iflytek-lfasr.json'), '--from', 'iflytek']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('speaker');
    expect(run.stderr).toContain('--agent-channel');
    expect(run.stderr).toContain('1、2');
  });

  it('a missing --from or an unknown service is a usage error', async () => {
    expect((await runCli(['import', 'transcripts', join(fixtures, 'aliyun-filetrans.json')])).code).toBe(2);
    expect((await runCli(['import', 'transcripts', join(fixtures, 'aliyun-filetrans.json'), '--from', 'google'])).code).toBe(2);
  });
});
