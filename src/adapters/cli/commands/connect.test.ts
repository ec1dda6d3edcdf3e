import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-io.js';
import { startAmiReplayServer } from '../../../../test/telephony/ami-replay-server.js';
import { startEslReplayServer } from '../../../../test/telephony/esl-replay-server.js';

const dir = mkdtempSync(join(tmpdir(), 'kefu-connect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { KEFU_DATA_DIR: dir, LOG_LEVEL: 'silent', DATABASE_URL: '' };

describe('kefu connect', () => {
  it('--help says what each connector needs and the exit codes', async () => {
    const run = await runCli(['connect', 'asterisk', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--host <host>');
    expect(run.stdout).toContain('--user <user>');
    expect(run.stdout).toContain('timestampevents');
    expect(run.stdout).toContain('2 usage or the PBX refused the login');
    const fs = await runCli(['connect', 'freeswitch', '--help']);
    expect(fs.stdout).toContain('--password <password>');
  });

  it('an AMI login refused: exit 2 with a message naming the host and the user', async () => {
    const server = await startAmiReplayServer({ recording: readFileSync('test/fixtures/asterisk-ami/session-50-calls.ami', 'utf8'), user: 'kefu', secret: 'amp111' });
    try {
      const run = await runCli(['connect', 'asterisk', '--host', '127.0.0.1', '--port', String(server.port), '--user', 'kefu', '--secret', 'wrong'], { env });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`127.0.0.1:${server.port}`);
      expect(run.stderr).toContain('kefu');
      expect(run.stderr).toContain('Authentication failed');
      expect(server.logins).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('the secret may come on standard input (not in the process list)', async () => {
    const server = await startAmiReplayServer({ recording: '', user: 'kefu', secret: 'amp111' });
    try {
      const run = await runCli(['connect', 'asterisk', '--host', '127.0.0.1', '--port', String(server.port), '--user', 'ops'], { env, stdin: 'amp111\n' });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('ops');
    } finally {
      await server.close();
    }
  });

  it('a refused event-socket password: exit 2 naming the host', async () => {
    const server = await startEslReplayServer({ recording: '', password: 'ClueCon' });
    try {
      const run = await runCli(['connect', 'freeswitch', '--host', '127.0.0.1', '--port', String(server.port), '--password', 'x'], { env });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`127.0.0.1:${server.port}`);
    } finally {
      await server.close();
    }
  });

  it('a bad port is a usage error', async () => {
    expect((await runCli(['connect', 'asterisk', '--host', 'h', '--user', 'u', '--secret', 's', '--port', '99999'], { env })).code).toBe(2);
  });
});
