import type { Command } from 'commander';
import { UsageError, type CliCommand, type CliIo } from '../cli-command.js';
import { readSecret, withApp } from '../with-app.js';
import type { PbxCallMapper, PbxLink } from '../../telephony/pbx-connector-types.js';

interface ConnectFlags {
  host: string;
  port: string;
  user?: string;
  secret?: string;
  password?: string;
  recordingsDir?: string;
}

function portOf(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 65_535) throw new UsageError(`--port must be a TCP port (1–65535), got "${v}"`);
  return n;
}

/**
 * `kefu connect asterisk|freeswitch`: keeps the PBX connected and its calls stored (the same
 * ingestion as `POST /api/cti/events`) until stopped with Ctrl-C / SIGTERM. A refused login stops
 * at once with exit 2; a dropped line is retried with backoff and the calls left open reconciled.
 */
export const connectCommand: CliCommand = {
  register(program: Command, io: CliIo, _setExit) {
    const group = program.command('connect').description('Follow live calls from a PBX (Asterisk AMI or FreeSWITCH event socket) into the database until stopped (Ctrl-C).');
    group
      .command('asterisk')
      .description("Connect to Asterisk's manager interface (manager.conf; set timestampevents = yes so calls carry the PBX's own times).")
      .requiredOption('--host <host>', 'the Asterisk host')
      .option('--port <port>', 'AMI port', '5038')
      .requiredOption('--user <user>', 'manager user (manager.conf [user], read = call,agent)')
      .option('--secret <secret>', 'its secret (default: the first line of standard input, or a prompt)')
      .option('--recordings-dir <dir>', 'where MixMonitor writes on the PBX, the directory KEFU_RECORDINGS_URL serves (MIXMONITOR_FILENAME is kept relative to it)', '/var/spool/asterisk/monitor/')
      .addHelpText('after', '\nExit codes: 0 stopped, 2 usage or the PBX refused the login.\nExample: kefu connect asterisk --host 10.0.0.5 --user kefu < secret.txt')
      .action(async (f: ConnectFlags) => {
        const port = portOf(f.port);
        const secret = f.secret ?? (await readSecret(io, `AMI secret for ${f.user ?? ''}@${f.host}: `));
        const { AmiLink } = await import('../../telephony/ami-link.js');
        const { AmiCallMapper } = await import('../../telephony/ami-call-mapper.js');
        await follow(io, `Asterisk ${f.host}:${port}`, () => new AmiLink({ host: f.host, port, user: f.user ?? '', secret }), (warn) => new AmiCallMapper(warn, { recordingsDir: f.recordingsDir }));
      });
    group
      .command('freeswitch')
      .description('Connect to the FreeSWITCH event socket (mod_event_socket, inbound) and mod_callcenter events.')
      .requiredOption('--host <host>', 'the FreeSWITCH host')
      .option('--port <port>', 'event socket port', '8021')
      .option('--password <password>', 'event socket password (default: the first line of standard input, or a prompt)')
      .option('--recordings-dir <dir>', "where FreeSWITCH records on the PBX ($${recordings_dir}), the directory KEFU_RECORDINGS_URL serves (RECORD_START's Record-File-Path is kept relative to it)", '/var/lib/freeswitch/recordings/')
      .addHelpText('after', '\nExit codes: 0 stopped, 2 usage or the event socket refused the password.')
      .action(async (f: ConnectFlags) => {
        const port = portOf(f.port);
        const password = f.password ?? (await readSecret(io, `event socket password for ${f.host}: `));
        const { EslLink } = await import('../../telephony/esl-link.js');
        const { EslCallMapper } = await import('../../telephony/esl-call-mapper.js');
        await follow(io, `FreeSWITCH ${f.host}:${port}`, () => new EslLink({ host: f.host, port, password }), (warn) => new EslCallMapper(warn, { recordingsDir: f.recordingsDir }));
      });
  },
};

async function follow(
  io: CliIo,
  name: string,
  link: () => PbxLink,
  mapper: (warn: (type: string) => void) => PbxCallMapper,
): Promise<void> {
  const { PbxConnector } = await import('../../telephony/pbx-connector.js');
  const { PbxLoginRefused } = await import('../../telephony/pbx-connector-types.js');
  const { ctiSink } = await import('../../telephony/cti-sink.js');
  await withApp(io, async (ctx) => {
    // The process's one call store, as the CTI route uses it.
    const repo = ctx.callRepository;
    const log = { info: (m: string) => io.stderr.write(`${m}\n`), warn: (m: string) => io.stderr.write(`${m}\n`) };
    const connector = new PbxConnector({
      link,
      mapper: mapper((type) => log.warn(`ignoring events of type ${type} (counted; logged once)`)),
      sink: ctiSink(repo, ctx.events, ctx.clock, { base: ctx.config.recordingsUrl, warn: log.warn }),
      clock: ctx.clock,
      log,
      retryRefusedLogin: false,
    });
    try {
      await connector.start();
    } catch (e) {
      if (e instanceof PbxLoginRefused) throw new UsageError(e.message);
      throw e;
    }
    io.stderr.write(`connected to ${name}; storing calls (Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await connector.stop();
    const s = connector.stats;
    io.stderr.write(`stopped: ${s.messages} events read, ${s.stored} stored, ${s.refused} refused, ${s.reconciled} reconciled, ${s.connects} connection(s)\n`);
  });
}
