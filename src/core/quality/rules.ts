import type { RuleOf, Scope, Severity, WhenLonger } from '../standard/schema.js';
import type { EventType } from '../interactions/transcript.js';
import type { CompiledRule, SetRef } from './compile.js';
import { compareHits, type Hit, type InspectionContext } from './context.js';
import { detectHolds, parseLimitMs, type Hold } from './holds.js';
import type { Check, Evidence } from './types.js';
import { lengthWithoutPunctuation } from '../text/char-classes.js';
import { measureSpeechRate } from './speech-rate.js';
import { normalizePhrase } from '../text/normalize.js';

type Verdict = Omit<Check, 'rule' | 'severity' | 'points'> & { severity?: Severity };

const MAX_EVIDENCE = 8;
/** Read only (spread into new arrays), never returned as a verdict's evidence. */
const NO_EVIDENCE: readonly Evidence[] = Object.freeze([]);

/** Evaluates one compiled rule on a prepared transcript. */
export function evaluateRule(ctx: InspectionContext, node: CompiledRule): Check {
  const title = ctx.lang === 'en' ? (node.titleEn ?? node.title) : node.title;
  const verdict = applicability(ctx, node) ?? evaluateKind(ctx, node, title);
  // Each field read once: verdicts are built in many shapes, so every read is a lookup.
  const { ok, evidence, message, severity: changed, suggestion: said, reason, speechRate } = verdict;
  const severity = changed ?? node.severity;
  const weight = changed && changed !== node.severity ? ctx.pack.weights[severity] : node.points;
  const check: Check = {
    rule: node.id,
    ok,
    severity,
    points: ok === false ? weight : 0,
    evidence: evidence.length > MAX_EVIDENCE ? evidence.slice(0, MAX_EVIDENCE) : evidence,
    message,
  };
  const suggestion = said ?? (ok === false ? node.suggestion : undefined);
  if (suggestion !== undefined) check.suggestion = suggestion;
  if (ok === null) check.reason = reason ?? message;
  if (speechRate !== undefined) check.speechRate = speechRate;
  return check;
}

function notApplicable(reason: string): Verdict {
  return { ok: null, evidence: [], message: reason, reason };
}

function applicability(ctx: InspectionContext, node: CompiledRule): Verdict | undefined {
  const { channel, direction } = ctx.transcript;
  if (node.channels && !node.channels.includes(channel)) {
    return notApplicable(ctx.en ? `does not apply to a ${channel}` : `不适用于${channelZh(channel)}`);
  }
  if (node.directions && !node.directions.includes(direction)) {
    return notApplicable(ctx.en ? `does not apply to ${direction} calls` : `不适用于${direction === 'inbound' ? '呼入' : '呼出'}通话`);
  }
  if (ctx.agent.length === 0 && node.kind !== 'timing' && node.kind !== 'hangup') {
    return notApplicable(ctx.en ? 'the agent said nothing' : '没有坐席发言');
  }
  if (node.when && whenHit(ctx, node) === undefined) {
    const reason = ctx.lang === 'en' ? (node.when.reasonEn ?? node.when.reason) : node.when.reason;
    return notApplicable(reason ?? (ctx.en ? 'its condition did not occur' : '适用条件未出现'));
  }
  if (node.unless && ctx.firstHit(node.unless.match, speakerUtterances(ctx, node.unless.speaker)) !== undefined) {
    const reason = ctx.lang === 'en' ? (node.unless.reasonEn ?? node.unless.reason) : node.unless.reason;
    return notApplicable(reason ?? (ctx.en ? 'an exception to it occurred' : '出现了不适用的情形'));
  }
  if (node.whenLonger) return longerApplicability(ctx, node.whenLonger);
  return undefined;
}

function longerApplicability(ctx: InspectionContext, w: WhenLonger): Verdict | undefined {
  const from = ctx.firstEvent(w.from.event)?.at;
  const to = ctx.firstEvent(w.to.event)?.at;
  if (from === undefined || to === undefined) {
    return notApplicable(ctx.en ? `no ${w.from.event}/${w.to.event} events to measure by` : `没有${eventZh(w.from.event)}/${eventZh(w.to.event)}事件，无法计时`);
  }
  if (to - from > w.overMs) return undefined;
  const secs = Math.round((to - from) / 1000);
  const reason = ctx.lang === 'en' ? (w.reasonEn ?? w.reason) : w.reason;
  return notApplicable(reason ? `${reason}（${secs}s）` : ctx.en ? `${secs}s, not over ${Math.round(w.overMs / 1000)}s` : `${secs} 秒，未超过 ${Math.round(w.overMs / 1000)} 秒`);
}

function eventZh(e: EventType): string {
  switch (e) {
    case 'ring':
      return '振铃';
    case 'answer':
      return '接听';
    case 'hold':
      return '保持';
    case 'unhold':
      return '取回';
    case 'transfer':
      return '转接';
    case 'transfer_answered':
      return '转接接通';
    case 'hangup':
      return '挂机';
    default: {
      const never: never = e;
      return String(never);
    }
  }
}

function channelZh(c: string): string {
  return ({ phone: '电话', chat: '在线会话', visit: '来访', callback: '回访' } as Record<string, string>)[c] ?? c;
}

function whenHit(ctx: InspectionContext, node: CompiledRule): Hit | undefined {
  if (!node.when) return undefined;
  return ctx.firstHit(node.when.match, speakerUtterances(ctx, node.when.speaker));
}

function speakerUtterances(ctx: InspectionContext, speaker: Scope['speaker']): readonly number[] {
  if (speaker === 'agent') return ctx.agent;
  if (speaker === 'customer') return ctx.customer;
  return [...ctx.agent, ...ctx.customer].sort((a, b) => a - b);
}

/** The utterances a rule looks at. */
export function scopeUtterances(ctx: InspectionContext, node: CompiledRule): readonly number[] {
  const scope = node.scope;
  const speaker = scope.speaker ?? 'agent';
  // Shared lists, never modified: every narrowing below makes a new array.
  let utts: readonly number[];
  if (scope.segment === 'opening') utts = speaker === 'customer' ? [] : ctx.opening;
  else utts = speakerUtterances(ctx, speaker);
  if (scope.segment === 'closing') utts = utts.slice(-(scope.last ?? 3));
  else if (scope.last !== undefined) utts = utts.slice(-scope.last);
  if (scope.first !== undefined) utts = utts.slice(0, scope.first);
  if (scope.withinMsOfAnswer !== undefined && ctx.answerAt !== undefined && ctx.hasTimestamps) {
    const limit = ctx.answerAt + scope.withinMsOfAnswer;
    utts = utts.filter((i) => ctx.startOf(i)! <= limit);
  }
  if (scope.after === 'when') {
    const h = whenHit(ctx, node);
    if (h) utts = utts.filter((i) => i >= h.utt);
  } else if (scope.after !== undefined && ctx.hasTimestamps) {
    const at = ctx.firstEvent(scope.after)?.at;
    if (at !== undefined) utts = utts.filter((i) => ctx.startOf(i)! >= at);
  }
  if (scope.before !== undefined && ctx.hasTimestamps) {
    const at = ctx.firstEvent(scope.before)?.at;
    if (at !== undefined) utts = utts.filter((i) => ctx.startOf(i)! < at);
  }
  return utts;
}

function evaluateKind(ctx: InspectionContext, node: CompiledRule, title: string): Verdict {
  const rule = node.rule;
  switch (rule.kind) {
    case 'phrase':
      return phraseVerdict(ctx, node, rule, title);
    case 'timing':
      return timingVerdict(ctx, node, rule, title);
    case 'speech-rate':
      return speechRateVerdict(ctx, node, rule, title);
    case 'interruption':
      return interruptionVerdict(ctx, node, rule, title);
    case 'hold':
      return holdVerdict(ctx, node, rule, title);
    case 'transfer':
      return transferVerdict(ctx, node, rule, title);
    case 'order':
      return orderVerdict(ctx, node, title);
    case 'key-facts':
      return keyFactsVerdict(ctx, node, rule, title);
    case 'hangup':
      return hangupVerdict(ctx, node, rule, title);
    case 'dead-air':
      return deadAirVerdict(ctx, rule, title);
    default: {
      const never: never = rule;
      throw new Error(`unhandled rule kind ${String(never)}`);
    }
  }
}

function quoteList(evidence: readonly Evidence[]): string {
  let out = '';
  for (let i = 0; i < evidence.length; i++) {
    const e = evidence[i]!;
    if (e.missing) continue;
    out += out.length === 0 ? `「${e.quote}」` : `、「${e.quote}」`;
  }
  return out;
}

function dueEvidence(ctx: InspectionContext, utts: readonly number[]): Evidence[] {
  const last = utts[utts.length - 1] ?? ctx.agent[ctx.agent.length - 1] ?? ctx.utterances.length - 1;
  return last >= 0 ? [ctx.utteranceEvidence(last, true)] : [];
}

function phraseVerdict(ctx: InspectionContext, node: CompiledRule, rule: RuleOf<'phrase'>, title: string): Verdict {
  // Read once: the pack's rules come in many shapes, each read of a field costs a lookup.
  const required = rule.require;
  const utts = scopeUtterances(ctx, node);
  if (utts.length === 0) {
    if (required === 'none') return { ok: true, evidence: [], message: ctx.en ? `${title}: none` : `${title}：无` };
    return { ok: false, evidence: dueEvidence(ctx, []), message: ctx.en ? `${title}: missing (no agent words where it was due)` : `${title}：缺失（坐席没有相应发言）` };
  }
  const forbidden = node.forbid ? hitEvidence(ctx, collectHits(ctx, [node.forbid], utts)) : NO_EVIDENCE;
  if (required === 'none') {
    const hits = withoutExcused(ctx, collectHits(ctx, node.match, utts));
    if (hits.length === 0) return { ok: true, evidence: [], message: ctx.en ? `${title}: none used` : `${title}：未出现` };
    const evidence = hits.map((h) => ctx.evidence(h));
    const suggestion = hits.map((h) => ctx.pack.sets[h.set]?.suggestion).find((s) => s !== undefined);
    const verdict: Verdict = {
      ok: false,
      evidence,
      message: ctx.en ? `${title}: said ${quoteList(evidence)}` : `${title}：出现${quoteList(evidence)}`,
    };
    if (suggestion !== undefined) verdict.suggestion = suggestion;
    return verdict;
  }
  const found: Evidence[] = [];
  const missing: string[] = [];
  let anyFound = false;
  for (let r = 0; r < node.match.length; r++) {
    const ref = node.match[r]!;
    const h = ctx.firstHit(ref, utts);
    if (h) {
      found.push(ctx.evidence(h));
      anyFound = true;
      if (required === 'any') break;
    } else {
      missing.push(ref.label);
    }
  }
  const opener = required === 'any' && !anyFound ? node.openers[ctx.transcript.channel] : undefined;
  if (opener !== undefined) {
    const h = openerHit(ctx, opener, utts);
    if (h) {
      found.push(ctx.evidence(h));
      anyFound = true;
    }
  }
  const ok = (required === 'any' ? anyFound : missing.length === 0) && forbidden.length === 0;
  if (ok) return { ok: true, evidence: found, message: ctx.en ? `${title}: ${quoteList(found)}` : `${title}：${quoteList(found)}` };
  const parts: string[] = [];
  if (forbidden.length > 0) parts.push(ctx.en ? `should not say ${quoteList(forbidden)}` : `不应使用${quoteList(forbidden)}`);
  if (required === 'any' && !anyFound) parts.push(ctx.en ? 'not found' : '未找到');
  if (required === 'all' && missing.length > 0) parts.push(ctx.en ? `missing: ${missing.join(', ')}` : `缺少：${missing.join('、')}`);
  return {
    ok: false,
    evidence: [...forbidden, ...found, ...(forbidden.length > 0 ? [] : dueEvidence(ctx, utts))],
    message: `${title}${(ctx.en ? ': ' : '：')}${parts.join(ctx.en ? '; ' : '；')}`,
  };
}

/**
 * The first hit of `ref` that opens the agent's own words in an utterance: nothing but opening
 * filler (a template, a card, a bare 稍等) before it, and not itself part of a template.
 */
function openerHit(ctx: InspectionContext, ref: SetRef, utts: readonly number[]): Hit | undefined {
  for (let u = 0; u < utts.length; u++) {
    const utt = utts[u]!;
    const hits = ctx.hits(ref, utt);
    for (let k = 0; k < hits.length; k++) {
      const h = hits[k]!;
      if (ctx.insideFiller(utt, h.from, h.to)) continue;
      if (ctx.restOutsideFiller(utt, 0, h.from, 0) === 0) return h;
      break;
    }
  }
  return undefined;
}

/**
 * Hits of sets with `unlessNear` that the agent excused in the same turn or the next one (a
 * refusal followed by the reason, an alternative or an apology is not a flat refusal).
 */
function withoutExcused(ctx: InspectionContext, hits: Hit[]): Hit[] {
  if (hits.length === 0) return hits;
  const unless = ctx.pack.unlessNear;
  let out: Hit[] | undefined;
  for (let k = 0; k < hits.length; k++) {
    const h = hits[k]!;
    const ref = unless[h.set];
    const excused = ref !== undefined && [...ctx.agentTurn(h.utt), ...ctx.nextAgentTurn(h.utt)].some((i) => ctx.has(ref, i));
    if (excused) out ??= hits.slice(0, k);
    else out?.push(h);
  }
  return out ?? hits;
}

/** Every hit of the references in the utterances, by utterance and position, overlaps merged. */
function collectHits(ctx: InspectionContext, refs: readonly SetRef[], utts: readonly number[]): Hit[] {
  // Most references have no hit at all in most utterances: nothing is allocated for those.
  let all: Hit[] | undefined;
  for (let r = 0; r < refs.length; r++) {
    const ref = refs[r]!;
    if (!ctx.mayHitAnywhere(ref)) continue;
    for (let u = 0; u < utts.length; u++) {
      const list = ctx.hits(ref, utts[u]!);
      for (let i = 0; i < list.length; i++) (all ??= []).push(list[i]!);
    }
  }
  if (all === undefined) return [];
  return all.length > 1 ? mergeOverlapping(all.sort(compareHits)) : all;
}

function hitEvidence(ctx: InspectionContext, hits: readonly Hit[]): Evidence[] {
  const out: Evidence[] = [];
  for (let i = 0; i < hits.length; i++) out.push(ctx.evidence(hits[i]!));
  return out;
}

/**
 * One occurrence per stretch of text: overlapping hits in an utterance (我这里不能再查 and
 * 不能再查了 in 我这里不能再查了) become one hit over both, keeping the first one's set. Input and
 * output sorted by utterance and start.
 */
function mergeOverlapping(hits: readonly Hit[]): Hit[] {
  const out: Hit[] = [];
  for (const h of hits) {
    const last = out[out.length - 1];
    if (last !== undefined && last.utt === h.utt && h.from < last.to) {
      if (h.to > last.to) out[out.length - 1] = { ...last, to: h.to };
      continue;
    }
    out.push(h);
  }
  return out;
}

function anchorTime(ctx: InspectionContext, anchor: RuleOf<'timing'>['from']): number | undefined {
  if ('event' in anchor) return ctx.firstEvent(anchor.event)?.at;
  if (!ctx.hasTimestamps) return undefined;
  if (anchor.speech === 'agent-first') {
    const first = ctx.agent[0];
    return first === undefined ? undefined : ctx.startOf(first);
  }
  const last = ctx.opening[ctx.opening.length - 1];
  return last === undefined ? undefined : ctx.endOf(last);
}

function describeAnchor(ctx: InspectionContext, anchor: RuleOf<'timing'>['from']): string {
  if ('event' in anchor) return anchor.event;
  return anchor.speech === 'agent-first' ? (ctx.en ? 'first agent words' : '坐席首句') : ctx.en ? 'end of opening' : '开场白结束';
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10}s`;

function timingVerdict(ctx: InspectionContext, node: CompiledRule, rule: RuleOf<'timing'>, title: string): Verdict {
  const from = anchorTime(ctx, rule.from);
  const to = anchorTime(ctx, rule.to);
  if (from === undefined || to === undefined) {
    const what = [from === undefined ? describeAnchor(ctx, rule.from) : undefined, to === undefined ? describeAnchor(ctx, rule.to) : undefined]
      .filter((x) => x !== undefined)
      .join(', ');
    return notApplicable(ctx.en ? `no timing information (missing ${what})` : `没有时间信息（缺少 ${what}）`);
  }
  const ms = to - from;
  const anchorUtt = 'speech' in rule.to ? (rule.to.speech === 'agent-first' ? ctx.agent[0] : ctx.opening[ctx.opening.length - 1]) : undefined;
  const evidence = anchorUtt !== undefined ? [ctx.utteranceEvidence(anchorUtt)] : [];
  if (rule.minMs !== undefined && ms < rule.minMs) {
    return {
      ok: false,
      evidence,
      message: ctx.en ? `${title}: ${seconds(ms)}, earlier than ${seconds(rule.minMs)}` : `${title}：${seconds(ms)}，早于 ${seconds(rule.minMs)}`,
    };
  }
  if (ms <= rule.maxMs) {
    return { ok: true, evidence, message: ctx.en ? `${title}: ${seconds(ms)} (limit ${seconds(rule.maxMs)})` : `${title}：${seconds(ms)}（上限 ${seconds(rule.maxMs)}）` };
  }
  const excuse = node.match[0] ? ctx.firstHit(node.match[0], ctx.agent) : undefined;
  if (excuse) {
    return {
      ok: true,
      evidence: [ctx.evidence(excuse)],
      message: ctx.en ? `${title}: ${seconds(ms)}, over the limit but announced to the customer` : `${title}：${seconds(ms)}，超过上限但已事先告知客户`,
    };
  }
  return {
    ok: false,
    evidence,
    message: ctx.en ? `${title}: ${seconds(ms)}, over the limit of ${seconds(rule.maxMs)}` : `${title}：${seconds(ms)}，超过上限 ${seconds(rule.maxMs)}`,
  };
}

function speechRateVerdict(ctx: InspectionContext, node: CompiledRule, rule: RuleOf<'speech-rate'>, title: string): Verdict {
  if (!ctx.hasTimestamps) return notApplicable(ctx.en ? 'utterances have no timestamps' : '话语没有时间戳');
  const relax = node.second[0] ? ctx.firstHit(node.second[0], ctx.customer) !== undefined : false;
  // The one computation of speech rate: the check judges it, the result carries it, the chart draws it.
  const speechRate = measureSpeechRate(ctx.utterances, ctx.agent, rule, relax);
  const out = speechRate.utterances.filter((u) => !u.inBand);
  if (speechRate.utterances.length === 0) return notApplicable(ctx.en ? 'no agent utterance long enough to measure' : '没有足够长的坐席话语可测语速');
  const band = `${rule.band.min}–${rule.band.max}`;
  if (out.length === 0) return { ok: true, evidence: [], speechRate, message: ctx.en ? `${title}: ${speechRate.utterances.length} utterances within ${band} chars/min` : `${title}：${speechRate.utterances.length} 句均在 ${band} 字/分钟范围内` };
  const rates = out.map((u) => String(u.rate));
  return {
    ok: false,
    evidence: out.map((u) => ctx.utteranceEvidence(u.utterance)),
    speechRate,
    message: ctx.en ? `${title}: ${out.length} utterances outside ${band} chars/min (${rates.join(', ')})` : `${title}：${out.length} 句超出 ${band} 字/分钟（${rates.join('、')}）`,
  };
}

function interruptionVerdict(ctx: InspectionContext, node: CompiledRule, rule: RuleOf<'interruption'>, title: string): Verdict {
  if (!ctx.hasTimestamps) return notApplicable(ctx.en ? 'utterances have no timestamps' : '话语没有时间戳');
  const backchannel = node.match[0];
  const speaking = new CustomerSpans(ctx);
  const out: Evidence[] = [];
  for (const a of ctx.agent) {
    const start = ctx.startOf(a)!;
    // Whether the customer was speaking first: cheap, and usually not, so the agent's words are
    // looked at only then (the verdict needs both).
    if (!speaking.overlaps(start, rule.overlapMs, rule.offTopicMs)) continue;
    const length = lengthWithoutPunctuation(ctx.text(a), rule.backchannelMaxChars);
    if (length <= rule.backchannelMaxChars && (backchannel === undefined || backchannel.sets.length === 0 || ctx.has(backchannel, a))) continue;
    out.push(ctx.utteranceEvidence(a));
  }
  if (out.length === 0) return { ok: true, evidence: [], message: ctx.en ? `${title}: no interruptions` : `${title}：未打断客户` };
  return { ok: false, evidence: out, message: ctx.en ? `${title}: the agent cut in ${out.length} time(s) while the customer was speaking` : `${title}：客户还在说话时坐席插话 ${out.length} 次` };
}

/** The customer's timed utterances as [start, end] pairs, answering "was the customer speaking at t?". */
class CustomerSpans {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly sorted: boolean;

  constructor(ctx: InspectionContext) {
    let sorted = true;
    for (const c of ctx.customer) {
      const cu = ctx.utterances[c]!;
      if (cu.start === undefined || cu.end === undefined) continue;
      if (this.starts.length > 0 && cu.start < this.starts[this.starts.length - 1]!) sorted = false;
      this.starts.push(cu.start);
      this.ends.push(cu.end);
    }
    this.sorted = sorted;
  }

  /**
   * Some customer utterance began before `at` (by less than `offTopicMs`) and went on for at least
   * `overlapMs` past it. Starts in time order (the usual case) are binary-searched; else every one
   * is tried.
   */
  overlaps(at: number, overlapMs: number, offTopicMs: number): boolean {
    const starts = this.starts;
    let i = 0;
    if (this.sorted) {
      // The first start with at - start < offTopicMs.
      let hi = starts.length;
      while (i < hi) {
        const mid = (i + hi) >> 1;
        if (at - starts[mid]! < offTopicMs) hi = mid;
        else i = mid + 1;
      }
    }
    for (; i < starts.length; i++) {
      const start = starts[i]!;
      if (this.sorted && start >= at) return false;
      if (start < at && this.ends[i]! - at >= overlapMs && at - start < offTopicMs) return true;
    }
    return false;
  }
}

function holdVerdict(ctx: InspectionContext, node: CompiledRule, rule: RuleOf<'hold'>, title: string): Verdict {
  const holds = ctx.memo('holds', detectHolds);
  const required = rule.require;
  if (holds.length === 0) return notApplicable(ctx.en ? 'no hold happened' : '没有发生等待/保持');
  const ref = node.match[0]!;
  const good: Evidence[] = [];
  const bad: Evidence[] = [];
  const notes: string[] = [];
  let judged = 0;
  for (const hold of holds) {
    if (required === 'keep') {
      const r = keepOk(ctx, ref, hold);
      if (r === undefined) continue;
      judged++;
      if (r.ok) good.push(...r.evidence);
      else {
        bad.push(...r.evidence);
        notes.push(`${holdLabel(ctx, hold)}${r.note}`);
      }
      continue;
    }
    if (hold.source === 'event' && hold.announce.length === 0 && !ctx.hasTimestamps) continue;
    judged++;
    let hit = announcedHit(ctx, ref, hold);
    if (required === 'limit' && hit === undefined && hold.request) {
      // "稍等1分钟" may be part of the request phrase itself.
      hit = ctx.hits(ref, hold.request.utt).find((h) => h.from >= hold.request!.from - 12);
    }
    if (hit) good.push(ctx.evidence(hit));
    else {
      bad.push(hold.announce.length > 0 ? ctx.utteranceEvidence(hold.announce[hold.announce.length - 1]!, true) : ctx.utteranceEvidence(hold.dueUtt, true));
      notes.push(holdLabel(ctx, hold));
    }
  }
  if (judged === 0) return notApplicable(ctx.en ? 'hold events cannot be placed in the text (no timestamps)' : '保持事件无法对应到话语（没有时间戳）');
  const what = HOLD_REQUIREMENTS[required];
  if (bad.length === 0) return { ok: true, evidence: good, message: ctx.en ? `${title}: all ${holds.length} hold(s) ok` : `${title}：${holds.length} 次等待均已${what[0]}` };
  if (required === 'keep') {
    return { ok: false, evidence: bad, message: ctx.en ? `${title}: ${notes.join('; ')}` : `${title}：${notes.join('；')}` };
  }
  return {
    ok: false,
    evidence: bad,
    message: ctx.en ? `${title}: did not ${what[1]} — ${notes.join('; ')}` : `${title}：${notes.join('；')}未${what[0]}`,
  };
}

const HOLD_REQUIREMENTS = {
  reason: ['说明等待原因', 'tell the customer why'],
  consent: ['征得客户同意', 'ask for consent'],
  limit: ['给出等待时限', 'give a time limit'],
  keep: ['守时并感谢等待', 'keep the limit and thank on return'],
} as const;

function holdLabel(ctx: InspectionContext, hold: Hold): string {
  const secs = hold.durationMs === undefined ? '' : ` ${Math.round(hold.durationMs / 1000)}s`;
  switch (hold.source) {
    case 'event':
      return (ctx.en ? `hold${secs}` : `保持${secs}`);
    case 'request':
      return (ctx.en ? `wait request${secs}` : `请客户等待${secs}`);
    case 'silence':
      return (ctx.en ? `unannounced silence${secs}` : `无说明的静默${secs}`);
    default: {
      const never: never = hold.source;
      return String(never);
    }
  }
}

function keepOk(ctx: InspectionContext, thanks: SetRef, hold: Hold): { ok: boolean; evidence: Evidence[]; note: string } | undefined {
  const cfg = ctx.pack.detect.holds;
  const said = saidLimitMs(ctx, hold);
  const limit = (said ?? cfg.defaultLimitMs) + (said !== undefined ? cfg.graceMs : 0);
  const evidence: Evidence[] = [];
  let note = '';
  let ok = true;
  if (hold.durationMs !== undefined && hold.durationMs > limit) {
    ok = false;
    note += ctx.en ? ` over the limit (${Math.round(limit / 1000)}s)` : `超过时限（${Math.round(limit / 1000)}s）`;
  }
  // A request answered in the same message (chat) was a moment's wait: nothing to thank for.
  const sameMessage = hold.returnAt !== undefined && hold.request !== undefined && hold.returnAt.utt === hold.request.utt;
  if (!hold.returnAt || sameMessage) {
    if (hold.durationMs === undefined) return undefined;
  } else {
    const from = hold.returnAt.from;
    const thanked = ctx.hits(thanks, hold.returnAt.utt).find((h) => h.from >= from);
    if (thanked !== undefined) evidence.push(ctx.evidence(thanked));
    else {
      ok = false;
      note += ctx.en ? ' no thanks on return' : '，回来时未感谢等待';
      evidence.push(ctx.utteranceEvidence(hold.returnAt.utt));
    }
  }
  if (!ok && evidence.length === 0) evidence.push(ctx.utteranceEvidence(hold.dueUtt, true));
  return { ok, evidence, note };
}

// In chat exports the request to wait and the answer after it are often one message (亲爱的，稍等下哦
// 价保 -[金额x] 申请成功…; 还请您稍等，马上为您查询~ 我帮您申请售后维修您看可以吗): past the return
// point the text is the answer or the next question, not the announcement, so a reason, consent or
// limit found there does not belong to the hold. A few characters of slack keep the reason or the
// question that directly follows the request (请您稍等，我帮您查一下; 请稍等一下，好吗).
const ANNOUNCE_SLACK = 8;

/** The first hit of `ref` in the hold's announcement, up to the return point (plus the slack). */
function announcedHit(ctx: InspectionContext, ref: SetRef, hold: Hold): Hit | undefined {
  const back = hold.source === 'request' ? hold.returnAt : undefined;
  for (let a = 0; a < hold.announce.length; a++) {
    const utt = hold.announce[a]!;
    if (back !== undefined && utt > back.utt) continue;
    const hits = ctx.hits(ref, utt);
    for (let k = 0; k < hits.length; k++) {
      const h = hits[k]!;
      if (back !== undefined && utt === back.utt && h.from >= back.from + ANNOUNCE_SLACK) continue;
      return h;
    }
  }
  return undefined;
}

/** The first time limit said when the hold was announced: in a request to wait, else anywhere in the announcement. */
function saidLimitMs(ctx: InspectionContext, hold: Hold): number | undefined {
  const announce = hold.announce;
  const request = ctx.pack.detect.holdRequest;
  for (let a = 0; a < announce.length; a++) {
    const hits = ctx.hits(request, announce[a]!);
    for (let k = 0; k < hits.length; k++) {
      const h = hits[k]!;
      if (!mayStateLimit(ctx, h)) continue;
      const ms = parseLimitMs(ctx.quote(h.utt, h.from, h.to));
      if (ms !== undefined) return ms;
    }
  }
  for (let a = 0; a < announce.length; a++) {
    const utt = announce[a]!;
    const text = ctx.text(utt);
    // Every limit ends in 分 or 秒: most utterances need no regex at all.
    if (!text.includes('分') && !text.includes('秒')) continue;
    // The pattern cannot match an empty string: a plain exec loop finds what matchAll would.
    LIMIT_PATTERN.lastIndex = 0;
    for (let m = LIMIT_PATTERN.exec(text); m !== null; m = LIMIT_PATTERN.exec(text)) {
      const ms = parseLimitMs(ctx.quote(utt, m.index, m.index + m[0].length));
      if (ms !== undefined) {
        LIMIT_PATTERN.lastIndex = 0;
        return ms;
      }
    }
  }
  return undefined;
}

const LIMIT_PATTERN = /([0-9]+|[一二两三四五六七八九十半]+)(分钟|分|秒钟|秒)/gu;

// A limit is said with 分 or 秒, so its quote contains one; then the normalized hit contains
// what they normalize to. Checking that first spares building evidence for every 稍等.
const LIMIT_UNITS = [normalizePhrase('分'), normalizePhrase('秒')];

function mayStateLimit(ctx: InspectionContext, h: Hit): boolean {
  const text = ctx.text(h.utt);
  for (let k = 0; k < LIMIT_UNITS.length; k++) {
    const unit = LIMIT_UNITS[k]!;
    const at = text.indexOf(unit, h.from);
    if (at >= 0 && at + unit.length <= h.to) return true;
  }
  return false;
}

interface Transfer {
  readonly announce: readonly number[];
  readonly before: number;
  readonly answeredAt: number | undefined;
  readonly at: number | undefined;
  readonly fromEvents: boolean;
  readonly dueUtt: number;
}

function detectTransfers(ctx: InspectionContext): Transfer[] {
  const cfg = ctx.pack.detect.transfers;
  const out: Transfer[] = [];
  const claimed = new Set<number>();
  for (let e = 0; e < ctx.events.length; e++) {
    const ev = ctx.events[e]!;
    if (ev.type !== 'transfer') continue;
    const answered = ctx.events.slice(e + 1).find((x) => x.type === 'transfer_answered' || x.type === 'transfer')?.type === 'transfer_answered'
      ? ctx.events.slice(e + 1).find((x) => x.type === 'transfer_answered')?.at
      : undefined;
    const announce = ctx.hasTimestamps ? ctx.agent.filter((i) => ctx.startOf(i)! <= ev.at && ctx.startOf(i)! >= ev.at - cfg.lookbackMs) : [];
    for (const i of announce) claimed.add(i);
    const before = ctx.hasTimestamps ? ctx.utterances.findIndex((u) => (u.start ?? 0) > ev.at) : -1;
    out.push({ announce, before: before < 0 ? ctx.utterances.length : before, answeredAt: answered, at: ev.at, fromEvents: true, dueUtt: announce[announce.length - 1] ?? Math.max(0, before - 1) });
  }
  for (const i of ctx.agent) {
    if (claimed.has(i) || !ctx.has(ctx.pack.detect.transferRequest, i)) continue;
    const turn = ctx.agentTurn(i);
    for (const t of turn) claimed.add(t);
    out.push({ announce: turn, before: turn[turn.length - 1]! + 1, answeredAt: undefined, at: undefined, fromEvents: false, dueUtt: i });
  }
  return out;
}

function transferVerdict(ctx: InspectionContext, node: CompiledRule, rule: RuleOf<'transfer'>, title: string): Verdict {
  const transfers = ctx.memo('transfers', detectTransfers);
  if (transfers.length === 0) return notApplicable(ctx.en ? 'no transfer happened' : '没有转接');
  const ref = node.match[0]!;
  const good: Evidence[] = [];
  const bad: Evidence[] = [];
  let judged = 0;
  for (const tr of transfers) {
    switch (rule.require) {
      case 'reason':
      case 'consent': {
        if (tr.announce.length === 0) continue;
        judged++;
        const h = ctx.firstHit(ref, tr.announce);
        if (h) good.push(ctx.evidence(h));
        else bad.push(ctx.utteranceEvidence(tr.dueUtt, true));
        break;
      }
      case 'caller-info': {
        judged++;
        const h = ctx.firstHit(ref, ctx.agent.filter((i) => i < tr.before));
        if (h) good.push(ctx.evidence(h));
        else bad.push(ctx.utteranceEvidence(tr.dueUtt, true));
        break;
      }
      case 'pickup': {
        if (!tr.fromEvents) continue;
        judged++;
        if (tr.answeredAt !== undefined) good.push(...(tr.announce.length > 0 ? [ctx.utteranceEvidence(tr.announce[tr.announce.length - 1]!)] : []));
        else bad.push(ctx.utteranceEvidence(tr.dueUtt, true));
        break;
      }
      case 'thanks':
      case 'colleague-opening': {
        let first: number | undefined;
        if (tr.fromEvents) {
          if (tr.answeredAt === undefined || !ctx.hasTimestamps) continue;
          first = ctx.agent.find((i) => ctx.startOf(i)! >= tr.answeredAt! - 500);
        } else {
          first = ctx.agent.find((i) => i >= tr.before && ctx.utterances.slice(tr.before, i).some((u) => u.speaker === 'customer'));
        }
        if (first === undefined) continue;
        judged++;
        const h = ctx.hits(ref, first)[0];
        if (h) good.push(ctx.evidence(h));
        else bad.push(ctx.utteranceEvidence(first));
        break;
      }
      default: {
        const never: never = rule.require;
        throw new Error(String(never));
      }
    }
  }
  if (judged === 0) {
    return notApplicable(
      rule.require === 'pickup'
        ? (ctx.en ? 'no transfer events to tell whether the other side answered' : '没有转接事件，无法判断是否等到对方接听')
        : ctx.en ? 'no words around the transfer to judge' : '转接前后没有可判断的话语',
    );
  }
  if (bad.length === 0) return { ok: true, evidence: good, message: ctx.en ? `${title}: ok` : `${title}：符合` };
  return { ok: false, evidence: bad, message: ctx.en ? `${title}: not done at the transfer` : `${title}：转接时未做到` };
}

/**
 * CP-APOLOGY and the like: from where the `when` condition starts (the customer's first words of
 * dissatisfaction), the `first` sets (apology, acknowledgement of feelings) must come before the
 * first of the `before` sets (a fix, an action, a promise, an instruction). Information, holds
 * and clarifying questions may come first. The complaint's start is the last piece of evidence.
 */
function orderVerdict(ctx: InspectionContext, node: CompiledRule, title: string): Verdict {
  const start = whenHit(ctx, node);
  const utts = ctx.agent.filter((i) => start === undefined || i > start.utt);
  const first = ctx.firstHit(node.match[0]!, utts);
  const solution = ctx.firstHit(node.second[0]!, utts);
  const trigger = start === undefined ? [] : [ctx.evidence(start)];
  if (first && (!solution || compareHits(first, solution) <= 0)) {
    return { ok: true, evidence: [ctx.evidence(first), ...trigger], message: ctx.en ? `${title}: apologised first ${quoteList([ctx.evidence(first)])}` : `${title}：先致歉 ${quoteList([ctx.evidence(first)])}` };
  }
  if (!first) {
    return {
      ok: false,
      evidence: [...(solution ? [ctx.evidence(solution)] : dueEvidence(ctx, utts.length > 0 ? [utts[0]!] : [])), ...trigger],
      message: ctx.en ? `${title}: the customer complained and the agent never apologised` : `${title}：客户投诉/不满，坐席没有致歉`,
    };
  }
  return {
    ok: false,
    evidence: [ctx.evidence(solution!), ctx.evidence(first), ...trigger],
    message: ctx.en ? `${title}: offered a solution ${quoteList([ctx.evidence(solution!)])} before apologising` : `${title}：先给方案${quoteList([ctx.evidence(solution!)])}，后致歉`,
  };
}

const ALL_DIGITS = /^[0-9]+$/;

/** `text.replace(/[^0-9]/g, '')`, without a regex: a global replace costs ~0.5 µs per call. */
function digitsOnly(text: string): string {
  // Usually the digits are one run (an order number): a slice, not a string built per digit
  // (which then has to be flattened to be hashed or searched).
  let first = -1;
  let last = -1;
  let gaps = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) continue;
    if (first < 0) first = i;
    else if (last !== i - 1) gaps = true;
    last = i;
  }
  if (first < 0) return '';
  if (!gaps) return text.slice(first, last + 1);
  let out = '';
  for (let i = first; i <= last; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) out += text[i];
  }
  return out;
}

/** Comparable form of a key fact: digits only when it has digits (order/phone numbers, amounts). */
function factKey(quote: string): string {
  const digits = digitsOnly(quote);
  return digits.length >= 2 ? digits : quote;
}

/**
 * PH-CONFIRM: did the agent read a key fact back and ask the customer to confirm it? Either the
 * agent repeats a fact the customer gave (the same digits, the same words) with a confirmation
 * question, or says a read-back sentence of the pack (a card or order number with 是这个订单吗,
 * 个人改公司是吗). One confirmation meets the rule: inspectors judge whether the agent checked the
 * facts the case turns on, and the same order or product comes back many times in a chat (the
 * customer re-sending it later needs no second confirmation). Not applicable when the customer
 * gave no key facts and the agent read none back.
 */
function keyFactsVerdict(ctx: InspectionContext, node: CompiledRule, rule: RuleOf<'key-facts'>, title: string): Verdict {
  const confirm = node.second[0]!;
  const readBack = node.second[1];
  // The first read-back sentence, if any: only facts said before it can hold an earlier
  // confirmation, so facts after it are not even collected (regexes are a check's costly part).
  let first: Evidence | undefined;
  let firstUtt = Infinity;
  if (readBack !== undefined && readBack.sets.length > 0) {
    const h = ctx.firstHit(readBack, ctx.agent);
    if (h) {
      first = ctx.evidence(h);
      firstUtt = h.utt;
    }
  }
  // Distinct facts in the order first said: a few per call, so arrays rather than a Map.
  const keys: string[] = [];
  const firstHits: Hit[] = [];
  const customer = ctx.customer;
  for (let u = 0; u < customer.length && customer[u]! < firstUtt; u++) {
    const c = customer[u]!;
    for (let r = 0; r < node.match.length; r++) {
      const hits = ctx.hits(node.match[r]!, c);
      for (let k = 0; k < hits.length; k++) {
        const h = hits[k]!;
        const key = factKey(ctx.text(c).slice(h.from, h.to));
        if (!keys.includes(key)) {
          keys.push(key);
          firstHits.push(h);
        }
      }
    }
  }
  const digitsOf: Array<string | undefined> = [];
  for (let f = 0; f < keys.length; f++) {
    const key = keys[f]!;
    const hit = firstHits[f]!;
    if (hit.utt >= firstUtt) continue;
    const numeric = ALL_DIGITS.test(key);
    let seen = 0;
    for (const i of ctx.agent) {
      if (i <= hit.utt) continue;
      if (i >= firstUtt || seen++ >= rule.withinAgentUtterances) break;
      const text = ctx.text(i);
      let repeated: boolean;
      if (numeric) {
        let digits = digitsOf[i];
        if (digits === undefined) digitsOf[i] = digits = digitsOnly(text);
        repeated = digits.includes(key) || (key.length >= 4 && text.includes(key.slice(-4)));
      } else repeated = text.includes(key);
      if (repeated && ctx.has(confirm, i)) {
        first = ctx.utteranceEvidence(i);
        firstUtt = i;
        break;
      }
    }
  }
  if (first !== undefined) return { ok: true, evidence: [first], message: ctx.en ? `${title}: read back and confirmed ${quoteList([first])}` : `${title}：已复述确认${quoteList([first])}` };
  if (keys.length === 0) return notApplicable(ctx.en ? 'the customer gave no key facts (order numbers, dates, phone numbers, amounts)' : '客户没有提供订单号、日期、电话、金额等关键信息');
  const bad = firstHits.map((h) => ctx.evidence(h));
  return {
    ok: false,
    evidence: bad,
    message: ctx.en ? `${title}: not read back and confirmed: ${quoteList(bad)}` : `${title}：未复述确认${quoteList(bad)}`,
  };
}

function hangupVerdict(ctx: InspectionContext, node: CompiledRule, rule: RuleOf<'hangup'>, title: string): Verdict {
  let hangup: (typeof ctx.events)[number] | undefined;
  for (let e = ctx.events.length - 1; e >= 0 && hangup === undefined; e--) if (ctx.events[e]!.type === 'hangup') hangup = ctx.events[e];
  if (!hangup) return notApplicable(ctx.en ? 'no hangup event' : '没有挂断事件');
  if (!hangup.by) return notApplicable(ctx.en ? 'the hangup event does not say who hung up' : '挂断事件未注明由谁挂断');
  if (hangup.by === 'system') return notApplicable(ctx.en ? 'the system ended the call' : '通话由系统结束');
  const last = ctx.utterances.length - 1;
  const evidence = last >= 0 ? [ctx.utteranceEvidence(last)] : [];
  if (hangup.by === 'customer') return { ok: true, evidence: [], message: ctx.en ? `${title}: the customer hung up first` : `${title}：客户先挂机` };
  const closing = node.match[0];
  const closed = closing !== undefined && closing.sets.length > 0 && ctx.firstHit(closing, ctx.agent.slice(-2)) !== undefined;
  const lastSpeaker = last >= 0 ? ctx.utterances[last]!.speaker : undefined;
  const cutOff = lastSpeaker === 'customer' || !closed;
  const verdict: Verdict = {
    ok: false,
    evidence,
    message: cutOff
      ? (ctx.en ? `${title}: the agent hung up on the customer (no closing, or the customer was still talking)` : `${title}：坐席挂断了客户的电话（未道别/客户仍在说话）`)
      : ctx.en ? `${title}: the agent hung up first` : `${title}：坐席先挂机`,
  };
  if (cutOff && rule.cutOffSeverity) verdict.severity = rule.cutOffSeverity;
  return verdict;
}

/**
 * HD-DURING (001: while the customer waits, remember they are listening): a silence longer than
 * the limit that ends with the agent speaking again, and no hold event in or around it, is dead
 * air the customer sat through. A silence the customer ends is theirs (looking up an order number).
 */
function deadAirVerdict(ctx: InspectionContext, rule: RuleOf<'dead-air'>, title: string): Verdict {
  if (!ctx.hasTimestamps) return notApplicable(ctx.en ? 'no timestamps to measure silences' : '没有时间戳，无法测量静默');
  const u = ctx.utterances;
  const holds = holdIntervals(ctx);
  const bad: Evidence[] = [];
  const notes: string[] = [];
  for (let i = 0; i + 1 < u.length; i++) {
    const end = ctx.endOf(i);
    const next = u[i + 1]!;
    if (end === undefined || next.start === undefined || next.speaker !== 'agent') continue;
    const gap = next.start - end;
    if (gap <= rule.maxMs) continue;
    if (holds.some(([from, to]) => from <= next.start! && to >= end - 2000)) continue;
    bad.push(ctx.utteranceEvidence(i + 1));
    notes.push(`${Math.round(gap / 1000)}s`);
  }
  const limit = Math.round(rule.maxMs / 1000);
  if (bad.length === 0) return { ok: true, evidence: [], message: ctx.en ? `${title}: no silence over ${limit}s without hold` : `${title}：没有超过 ${limit} 秒未按保持的静默` };
  return {
    ok: false,
    evidence: bad,
    message: ctx.en ? `${title}: silent without hold for ${notes.join(', ')}` : `${title}：未按保持键的静默 ${notes.join('、')}`,
  };
}

/** Hold events paired with their unhold (or the hang-up, or the end of the call), as [from, to]. */
function holdIntervals(ctx: InspectionContext): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const events = ctx.events;
  for (let e = 0; e < events.length; e++) {
    if (events[e]!.type !== 'hold' && events[e]!.type !== 'transfer') continue;
    let to = Infinity;
    for (let x = e + 1; x < events.length; x++) {
      const t = events[x]!.type;
      if (t === 'unhold' || t === 'hangup' || t === 'transfer_answered') {
        to = events[x]!.at;
        break;
      }
    }
    out.push([events[e]!.at, to]);
  }
  return out;
}
