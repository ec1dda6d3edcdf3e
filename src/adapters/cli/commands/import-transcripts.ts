import path from 'node:path';
import { Option, type Command } from 'commander';
import { ExitCode, UsageError, type CliIo } from '../cli-command.js';
import type { ImportSubcommand } from './import.js';
import { recognizers, transcriptFromRecognizer, type Recognizer } from '../../../core/interactions/recognizer-output.js';

interface TranscriptFlags {
  from: Recognizer;
  agentChannel: string;
  id?: string;
  out?: string;
}

/**
 * `kefu import transcripts <file> --from aliyun|tencent|iflytek|funasr|whisper`: a speech
 * recognizer's result as a Kefu transcript (CONTRACT.md "Transcript") on standard output or in
 * `--out`, ready for `kefu qa` or `POST /api/calls/:id/transcript`.
 */
export const transcriptImportSubcommand: ImportSubcommand = {
  register(group: Command, io: CliIo, setExit) {
    group
      .command('transcripts')
      .description(
        "Convert a speech recognizer's JSON result into a Kefu transcript (one channel or speaker is the agent, every other the customer); prints the transcript JSON (or writes --out) for `kefu qa`.",
      )
      .argument('<file>', 'the recognizer result (.json)')
      .addOption(new Option('--from <service>', 'which service wrote the file').choices([...recognizers]).makeOptionMandatory())
      .option('--agent-channel <n>', 'channel or speaker id of the agent (iflytek numbers speakers from 1; whisper: the index of the per-channel result)', '0')
      .option('--id <id>', 'transcript id (default: the file name without its extension)')
      .option('--out <file>', 'write the transcript here instead of standard output')
      .addHelpText(
        'after',
        '\nFormats: aliyun Result.Sentences[] (ChannelId/SpeakerId, BeginTime/EndTime ms); tencent Response.Data.ResultDetail[] (SpeakerId, StartMs/EndMs);\n' +
          'iflytek data (JSON string of {bg, ed, onebest, speaker}) or content.orderResult; funasr [{sentence_info: [{text, start, end, spk}]}];\n' +
          'whisper {segments: [{start, end, text}]} or an array of such results, one per channel.\n' +
          'Exit codes: 0 converted, 1 the file is not a valid result of that service (errors name the field), 2 usage.',
      )
      .action(async (file: string, opts: TranscriptFlags) => {
        const agentChannel = Number(opts.agentChannel);
        if (!Number.isInteger(agentChannel) || agentChannel < 0) throw new UsageError(`--agent-channel must be a whole number ≥ 0, got "${opts.agentChannel}"`);
        const { readFile, writeFile } = await import('node:fs/promises');
        let text: string;
        try {
          text = await readFile(path.resolve(io.cwd, file), 'utf8');
        } catch (e) {
          throw new UsageError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
        }
        let doc: unknown;
        try {
          doc = JSON.parse(text.replace(/^\uFEFF/, ''));
        } catch (e) {
          io.stderr.write(`${file}: 不是有效的 JSON (not valid JSON): ${e instanceof Error ? e.message : String(e)}\n`);
          setExit(ExitCode.badInput);
          return;
        }
        const parsed = transcriptFromRecognizer(opts.from, doc, { agentChannel });
        if (!parsed.ok) {
          for (const err of parsed.errors) io.stderr.write(`${file}: ${err.path}: ${err.message}\n`);
          setExit(ExitCode.badInput);
          return;
        }
        const transcript = { id: opts.id ?? path.basename(file).replace(/\.[^.]+$/, ''), ...parsed.transcript };
        const json = `${JSON.stringify(transcript, null, 2)}\n`;
        if (opts.out !== undefined) {
          await writeFile(path.resolve(io.cwd, opts.out), json);
          io.stderr.write(`${file}: ${transcript.utterances.length} utterances (channels ${parsed.channels.join(', ')}; agent ${agentChannel}) → ${opts.out}\n`);
        } else io.stdout.write(json);
      });
  },
};
