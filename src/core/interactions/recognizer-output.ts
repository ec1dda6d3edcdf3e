import type { FieldError, FieldErrorCode, FieldErrorParams } from '../shared/app-error.js';
import type { Transcript, Utterance } from './transcript.js';

/**
 * Speech-recognition results of the services centres use, into Kefu transcripts. Each service's
 * documented JSON gives sentences with a channel (dual-channel recordings: one side per channel)
 * or a speaker id (diarization) and begin/end times; the channel of the agent is a setting, every
 * other channel is the customer. Pure: the caller reads the file and passes the parsed JSON.
 */
export const recognizers = ['aliyun', 'tencent', 'iflytek', 'funasr', 'whisper'] as const;
export type Recognizer = (typeof recognizers)[number];

export const recognizerNames: Record<Recognizer, string> = {
  aliyun: '阿里云录音文件识别',
  tencent: '腾讯云录音文件识别',
  iflytek: '讯飞录音文件转写',
  funasr: 'FunASR',
  whisper: 'Whisper',
};

/** One recognized sentence, with where it was in the file (for errors). */
interface Sentence {
  channel: number;
  start: number;
  end: number;
  text: string;
  /** Path of the sentence (`Result.Sentences.3`) and the names of its fields. */
  path: string;
  startField: string;
  channelField: string;
}

type Extract = { ok: true; sentences: Sentence[] } | { ok: false; errors: FieldError[] };

export type RecognizerParse = { ok: true; transcript: Transcript; channels: number[] } | { ok: false; errors: FieldError[] };

export interface RecognizerOptions {
  /** The channel (or speaker id) that is the agent; default 0. */
  agentChannel?: number;
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: Json): number => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN);
const fail = (path: string, message: string, code: FieldErrorCode, params?: FieldErrorParams): Extract => ({ ok: false, errors: [{ path, message, code, ...(params && { params }) }] });

/** Which service a document looks like it came from (to say so when `--from` names another). */
export function guessRecognizer(doc: Json): Recognizer | null {
  if (isObject(doc)) {
    if (isObject(doc.Result) && Array.isArray(doc.Result.Sentences)) return 'aliyun';
    if (isObject(doc.Response) || Array.isArray((doc.Data as Record<string, Json> | undefined)?.ResultDetail)) return 'tencent';
    if (typeof doc.data === 'string' || isObject(doc.content)) return 'iflytek';
    if (Array.isArray(doc.sentence_info)) return 'funasr';
    if (Array.isArray(doc.segments)) return 'whisper';
  }
  if (Array.isArray(doc) && doc.length > 0) {
    const first = doc[0];
    if (isObject(first) && Array.isArray(first.sentence_info)) return 'funasr';
    if (isObject(first) && Array.isArray(first.segments)) return 'whisper';
  }
  return null;
}

function notThis(from: Recognizer, doc: Json, path: string, what: string): Extract {
  const guess = guessRecognizer(doc);
  const hint = guess !== null && guess !== from ? `；这份结果看起来来自 ${recognizerNames[guess]}，请用 --from ${guess}（接口：?from=${guess}）` : '';
  const message = `缺少 ${what}：不是${recognizerNames[from]}的结果${hint} (not a ${from} result${guess !== null && guess !== from ? `; it looks like ${guess}` : ''})`;
  return guess !== null && guess !== from ? fail(path, message, 'looks_like_recognizer', { from, guess }) : fail(path, message, 'wrong_recognizer', { from });
}

/**
 * 阿里云 智能语音交互 录音文件识别 (FileTrans), GetTaskResult: `Result.Sentences[]` with `BeginTime`,
 * `EndTime` (ms), `Text`, `ChannelId` (dual-channel audio) or `SpeakerId` (diarization).
 */
function aliyun(doc: Json): Extract {
  if (!isObject(doc) || !isObject(doc.Result) || !Array.isArray(doc.Result.Sentences)) return notThis('aliyun', doc, 'Result.Sentences', 'Result.Sentences');
  const out: Sentence[] = [];
  for (const [i, s] of doc.Result.Sentences.entries()) {
    if (!isObject(s)) return fail(`Result.Sentences.${i}`, '应为对象 (expected an object)', 'invalid_type', { expected: 'object' });
    const channelField = s.ChannelId !== undefined ? 'ChannelId' : 'SpeakerId';
    out.push({ channel: num(s[channelField] ?? 0), start: num(s.BeginTime), end: num(s.EndTime), text: String(s.Text ?? ''), path: `Result.Sentences.${i}`, startField: 'BeginTime', channelField });
  }
  return { ok: true, sentences: out };
}

/**
 * 腾讯云 语音识别 录音文件识别 (CreateRecTask / DescribeTaskStatus, ResFormat ≥ 1): `Response.Data.
 * ResultDetail[]` (SentenceDetail) with `FinalSentence`, `StartMs`, `EndMs`, `SpeakerId` (the
 * channel with ChannelNum 2, or the speaker with SpeakerDiarization).
 */
function tencent(doc: Json): Extract {
  const data = isObject(doc) ? (isObject(doc.Response) ? doc.Response.Data : doc.Data) : undefined;
  const base = isObject(doc) && isObject(doc.Response) ? 'Response.Data' : 'Data';
  if (!isObject(data) || !Array.isArray(data.ResultDetail)) return notThis('tencent', doc, `${base}.ResultDetail`, `${base}.ResultDetail`);
  const out: Sentence[] = [];
  for (const [i, s] of data.ResultDetail.entries()) {
    if (!isObject(s)) return fail(`${base}.ResultDetail.${i}`, '应为对象 (expected an object)', 'invalid_type', { expected: 'object' });
    out.push({ channel: num(s.SpeakerId ?? 0), start: num(s.StartMs), end: num(s.EndMs), text: String(s.FinalSentence ?? ''), path: `${base}.ResultDetail.${i}`, startField: 'StartMs', channelField: 'SpeakerId' });
  }
  return { ok: true, sentences: out };
}

/**
 * 讯飞开放平台 录音文件转写 (lfasr). Classic `getResult`: `data` is a JSON string of
 * `[{bg, ed, onebest, speaker}]` (ms as strings; speaker from 1 with role separation). Newer
 * `v2/api/getResult`: `content.orderResult` is a JSON string whose `lattice[].json_1best` (a JSON
 * string again) holds `st: {bg, ed, rl, rt: [{ws: [{cw: [{w}]}]}]}`.
 */
function iflytek(doc: Json): Extract {
  if (isObject(doc) && typeof doc.data === 'string') {
    let list: Json;
    try {
      list = JSON.parse(doc.data);
    } catch {
      return fail('data', '不是有效的 JSON 字符串 (data is not a JSON string)', 'invalid_format', { format: 'json' });
    }
    if (!Array.isArray(list)) return fail('data', '应为句子数组 (expected an array of sentences)', 'invalid_type', { expected: 'array' });
    const out: Sentence[] = [];
    for (const [i, s] of list.entries()) {
      if (!isObject(s)) return fail(`data.${i}`, '应为对象 (expected an object)', 'invalid_type', { expected: 'object' });
      out.push({ channel: num(s.speaker ?? 0), start: num(s.bg), end: num(s.ed), text: String(s.onebest ?? ''), path: `data.${i}`, startField: 'bg', channelField: 'speaker' });
    }
    return { ok: true, sentences: out };
  }
  if (isObject(doc) && isObject(doc.content) && typeof doc.content.orderResult === 'string') {
    let order: Json;
    try {
      order = JSON.parse(doc.content.orderResult);
    } catch {
      return fail('content.orderResult', '不是有效的 JSON 字符串 (orderResult is not a JSON string)', 'invalid_format', { format: 'json' });
    }
    const lattice = isObject(order) ? order.lattice : undefined;
    if (!Array.isArray(lattice)) return fail('content.orderResult.lattice', '缺少 lattice (missing lattice)', 'required');
    const out: Sentence[] = [];
    for (const [i, l] of lattice.entries()) {
      const path = `content.orderResult.lattice.${i}`;
      let best: Json;
      try {
        best = isObject(l) && typeof l.json_1best === 'string' ? JSON.parse(l.json_1best) : isObject(l) ? l.json_1best : undefined;
      } catch {
        return fail(`${path}.json_1best`, '不是有效的 JSON 字符串 (not a JSON string)', 'invalid_format', { format: 'json' });
      }
      const st = isObject(best) ? best.st : undefined;
      if (!isObject(st)) return fail(`${path}.json_1best.st`, '缺少 st (missing st)', 'required');
      let text = '';
      for (const rt of Array.isArray(st.rt) ? st.rt : []) for (const ws of isObject(rt) && Array.isArray(rt.ws) ? rt.ws : []) for (const cw of isObject(ws) && Array.isArray(ws.cw) ? ws.cw.slice(0, 1) : []) text += isObject(cw) ? String(cw.w ?? '') : '';
      out.push({ channel: num(st.rl ?? 0), start: num(st.bg), end: num(st.ed), text, path: `${path}.json_1best.st`, startField: 'bg', channelField: 'rl' });
    }
    return { ok: true, sentences: out };
  }
  return notThis('iflytek', doc, 'data', 'data（或 content.orderResult）');
}

/**
 * FunASR (modelscope/FunASR `AutoModel.generate` with a punctuation and a speaker model,
 * `sentence_timestamp=True`): `[{key, text, sentence_info: [{text, start, end, spk}]}]`, ms.
 */
function funasr(doc: Json): Extract {
  const item = Array.isArray(doc) ? doc[0] : doc;
  const base = Array.isArray(doc) ? '0.sentence_info' : 'sentence_info';
  if (!isObject(item) || !Array.isArray(item.sentence_info)) return notThis('funasr', doc, base, base);
  const out: Sentence[] = [];
  for (const [i, s] of item.sentence_info.entries()) {
    if (!isObject(s)) return fail(`${base}.${i}`, '应为对象 (expected an object)', 'invalid_type', { expected: 'object' });
    out.push({ channel: num(s.spk ?? 0), start: num(s.start), end: num(s.end), text: String(s.text ?? ''), path: `${base}.${i}`, startField: 'start', channelField: 'spk' });
  }
  return { ok: true, sentences: out };
}

/**
 * Whisper (openai-whisper `--output_format json`, the API's `verbose_json`): `segments[]` with
 * `start`, `end` in seconds and `text`; no speaker. A dual-channel recording is transcribed one
 * channel at a time, so the file is an array of results, one per channel (index = channel); a
 * WhisperX result's `speaker` (`SPEAKER_01`) counts as the channel too.
 */
function whisper(doc: Json): Extract {
  const results = Array.isArray(doc) ? doc : [doc];
  const out: Sentence[] = [];
  for (const [c, r] of results.entries()) {
    const base = Array.isArray(doc) ? `${c}.segments` : 'segments';
    if (!isObject(r) || !Array.isArray(r.segments)) return notThis('whisper', doc, base, base);
    for (const [i, s] of r.segments.entries()) {
      if (!isObject(s)) return fail(`${base}.${i}`, '应为对象 (expected an object)', 'invalid_type', { expected: 'object' });
      const speaker = typeof s.speaker === 'string' ? Number(/(\d+)$/.exec(s.speaker)?.[1] ?? Number.NaN) : Number.NaN;
      out.push({ channel: Number.isNaN(speaker) ? c : speaker, start: Math.round(num(s.start) * 1000), end: Math.round(num(s.end) * 1000), text: String(s.text ?? '').trim(), path: `${base}.${i}`, startField: 'start', channelField: Array.isArray(doc) ? '(file index)' : 'speaker' });
    }
  }
  return { ok: true, sentences: out };
}

const extractors: Record<Recognizer, (doc: Json) => Extract> = { aliyun, tencent, iflytek, funasr, whisper };

/**
 * The transcript a recognizer's result describes: sentences in time order, the agent's channel as
 * `agent`, every other as `customer`. Refused, naming the field: a result of another service, a
 * sentence without times or with end before begin, two sentences of one side that overlap in time
 * (a recognizer does not do that: the file was merged or edited wrongly), and a result with no
 * sentence on the agent's channel (the channel setting is wrong).
 */
export function transcriptFromRecognizer(from: Recognizer, doc: Json, o: RecognizerOptions = {}): RecognizerParse {
  const extracted = extractors[from](doc);
  if (!extracted.ok) return extracted;
  const sentences = extracted.sentences.filter((s) => s.text.trim() !== '');
  const errors: FieldError[] = [];
  for (const s of sentences) {
    if (!Number.isFinite(s.start) || s.start < 0) errors.push({ path: `${s.path}.${s.startField}`, message: '开始时间缺失或无效 (missing or invalid begin time)', ...(Number.isNaN(s.start) ? { code: 'required' as const } : { code: 'too_small' as const, params: { minimum: 0 } }) });
    else if (!Number.isFinite(s.end) || s.end < s.start) errors.push({ path: `${s.path}.${s.startField === 'BeginTime' ? 'EndTime' : s.startField === 'StartMs' ? 'EndMs' : s.startField === 'bg' ? 'ed' : 'end'}`, message: '结束时间缺失、无效或早于开始时间 (missing, invalid or before the begin time)', ...(Number.isNaN(s.end) ? { code: 'required' as const } : { code: 'ends_before_start' as const }) });
    if (!Number.isInteger(s.channel) || s.channel < 0) errors.push({ path: `${s.path}.${s.channelField}`, message: '声道/说话人编号应为非负整数 (channel or speaker id must be a whole number ≥ 0)', ...(Number.isInteger(s.channel) ? { code: 'too_small' as const, params: { minimum: 0 } } : { code: 'invalid_type' as const, params: { expected: 'integer' } }) });
  }
  if (errors.length > 0) return { ok: false, errors };
  const sorted = [...sentences].sort((a, b) => a.start - b.start || a.end - b.end);
  const lastOf = new Map<number, Sentence>();
  for (const s of sorted) {
    const prev = lastOf.get(s.channel);
    if (prev !== undefined && s.start < prev.end) {
      errors.push({
        path: `${s.path}.${s.startField}`,
        message: `与同一声道的 ${prev.path} 重叠：${s.start} ms 开始，而上一句到 ${prev.end} ms 才结束 (overlaps ${prev.path} on channel ${s.channel})`,
        code: 'overlaps',
        params: { with: prev.path },
      });
    }
    if (prev === undefined || s.end > prev.end) lastOf.set(s.channel, s);
  }
  if (errors.length > 0) return { ok: false, errors };
  const agentChannel = o.agentChannel ?? 0;
  const channels = [...new Set(sorted.map((s) => s.channel))].sort((a, b) => a - b);
  if (sorted.length > 0 && !channels.includes(agentChannel)) {
    const field = sorted[0]?.channelField ?? 'channel';
    return { ok: false, errors: [{ path: field, message: `没有坐席声道 ${agentChannel} 的句子（结果中的声道/说话人：${channels.join('、')}），请用 --agent-channel 指定坐席声道 (no sentence on agent channel ${agentChannel}; channels present: ${channels.join(', ')})`, code: 'no_agent_channel', params: { channel: agentChannel, channels: channels.join(', ') } }] };
  }
  const utterances: Utterance[] = sorted.map((s) => ({ speaker: s.channel === agentChannel ? 'agent' : 'customer', text: s.text.trim(), start: s.start, end: s.end }));
  return { ok: true, transcript: { channel: 'phone', direction: 'inbound', utterances }, channels };
}
