import { describe, expect, it } from 'vitest';
import { mayListen, recordingReferenceFieldError, recordingReferenceProblem, recordingUrl } from './recording.js';

const base = 'https://pbx.example.cn/monitor/';

describe('a call recording reference', () => {
  it('takes an http(s) URL, or a relative path when a recordings base is configured', () => {
    expect(recordingReferenceProblem('https://rec.example.cn/2026/03/02/a.wav', null)).toBeUndefined();
    expect(recordingReferenceProblem('HTTP://10.0.0.5/rec/a.wav', null)).toBeUndefined();
    expect(recordingReferenceProblem('2026/03/02/q-热线.wav', base)).toBeUndefined();
    expect(recordingReferenceProblem('2026/03/02/a.wav', null)).toContain('KEFU_RECORDINGS_URL');
  });

  it('refuses what could not be served or would leak: other schemes, climbing out, absolute paths, credentials, control characters', () => {
    for (const bad of ['file:///var/spool/asterisk/monitor/a.wav', 'javascript:alert(1)', 'a/../../etc/passwd', './a.wav', 'a//b.wav', '/var/spool/a.wav', '//evil.example/a.wav', 'C:\\rec\\a.wav', 'a\\b.wav', 'https://u:p@rec.example.cn/a.wav', 'a.wav?x=1', 'a\n.wav', ' a.wav', '', 'x'.repeat(1001)]) {
      expect(recordingReferenceProblem(bad, base), bad).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  // Issue #21: the same check as a field error with a code the web words in the reader's language.
  it('as a field error: required, too long, a path without a base, anything else not a reference', () => {
    const codeOf = (reference: string, b: string | null = base) => recordingReferenceFieldError(reference, b, 'events.0.recording');
    expect(codeOf('')).toEqual({ path: 'events.0.recording', message: '录音地址不能为空', code: 'required' });
    expect(codeOf('x'.repeat(1001))).toMatchObject({ code: 'too_long', params: { maximum: 1000 } });
    expect(codeOf('2026/03/02/a.wav', null)).toMatchObject({ code: 'recording_needs_url' });
    for (const bad of ['ftp://pbx/a.wav', 'a/../b.wav', '/var/spool/a.wav', 'https://u:p@rec.example.cn/a.wav', 'a.wav?x=1']) expect(codeOf(bad)?.code, bad).toBe('invalid_recording');
    expect(codeOf('2026/03/02/a.wav')).toBeUndefined();
  });

  it('resolves a path under the base, each segment encoded; a URL stays as it is', () => {
    expect(recordingUrl('2026/03/02/q 热线.wav', 'https://pbx.example.cn/monitor')).toBe('https://pbx.example.cn/monitor/2026/03/02/q%20%E7%83%AD%E7%BA%BF.wav');
    expect(recordingUrl('https://rec.example.cn/a.wav', null)).toBe('https://rec.example.cn/a.wav');
    expect(recordingUrl('a.wav', null)).toBeNull();
  });

  it('is heard by the listening roles, and by an agent only on a call they answered', () => {
    const call = { agent: 'ana' };
    for (const role of ['supervisor', 'qa', 'manager', 'admin'] as const) expect(mayListen({ username: 'x', role }, call), role).toBe(true);
    expect(mayListen({ username: 'ana', role: 'agent' }, call)).toBe(true);
    expect(mayListen({ username: 'bo', role: 'agent' }, call)).toBe(false);
    expect(mayListen({ username: 'bo', role: 'agent' }, { agent: null })).toBe(false);
    expect(mayListen({ username: null, role: null }, call)).toBe(false);
  });
});
