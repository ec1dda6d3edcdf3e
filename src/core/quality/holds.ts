import type { InspectionContext, Hit } from './context.js';

/**
 * A hold: a time the customer is left waiting. From a hold event, from the agent asking the
 * customer to wait (chats and calls without events), or from a long silence nobody announced.
 */
export interface Hold {
  readonly source: 'event' | 'request' | 'silence';
  /** Agent utterances that announce the hold (where reason, consent and limit are looked for). */
  readonly announce: readonly number[];
  readonly request: Hit | undefined;
  /** Measured length, when events or timestamps allow. */
  readonly durationMs: number | undefined;
  /** Where thanks on return are looked for: an utterance, and the offset from which to look. */
  readonly returnAt: { utt: number; from: number } | undefined;
  /** Where a missing announcement was due. */
  readonly dueUtt: number;
}

export function detectHolds(ctx: InspectionContext): Hold[] {
  const cfg = ctx.pack.detect.holds;
  const holds: Hold[] = [];
  const agent = ctx.agent;
  const claimed = new Array<number>(ctx.utterances.length).fill(0);
  const nextAgentAfter = (utt: number): number | undefined => {
    for (let a = 0; a < agent.length; a++) if (agent[a]! > utt) return agent[a];
    return undefined;
  };

  // 1. Hold events, paired with their unhold.
  const events = ctx.events;
  for (let e = 0; e < events.length; e++) {
    const ev = events[e]!;
    if (ev.type !== 'hold') continue;
    let end: number | undefined;
    for (let x = e + 1; x < events.length; x++) {
      const type = events[x]!.type;
      if (type === 'unhold' || type === 'hangup') {
        end = events[x]!.at;
        break;
      }
    }
    const announce: number[] = [];
    if (ctx.hasTimestamps) {
      for (let a = 0; a < agent.length; a++) {
        const i = agent[a]!;
        const s = ctx.startOf(i)!;
        if (s <= ev.at && s >= ev.at - cfg.lookbackMs) {
          announce.push(i);
          claimed[i] = 1;
        }
      }
    }
    const request = ctx.firstHit(ctx.pack.detect.holdRequest, announce);
    let back: number | undefined;
    if (end !== undefined) {
      for (let a = 0; a < agent.length && back === undefined; a++) if ((ctx.startOf(agent[a]!) ?? -1) >= end - 500) back = agent[a];
    }
    const before = ctx.hasTimestamps ? lastIndexBefore(ctx, ev.at) : undefined;
    holds.push({
      source: 'event',
      announce,
      request,
      durationMs: end === undefined ? undefined : end - ev.at,
      returnAt: back === undefined ? undefined : { utt: back, from: 0 },
      dueUtt: announce[announce.length - 1] ?? before ?? 0,
    });
  }

  // 2. Requests to wait said by the agent, one hold per run of agent turns that ask for it.
  let previous: { announce: number[]; lastTurnEnd: number } | undefined;
  for (let a = 0; a < agent.length; a++) {
    const i = agent[a]!;
    if (claimed[i] === 1) continue;
    const hits = ctx.hits(ctx.pack.detect.holdRequest, i);
    if (hits.length === 0) continue;
    // A wait for a transfer said in the same message (转接至换绑客服…请您稍稍等待下呢，您看可以么) is the
    // transfer, judged by the TR-* rules: inspectors do not count a transfer with consent as a hold.
    if (ctx.has(ctx.pack.detect.transferRequest, i)) continue;
    const turn = ctx.agentTurn(i);
    for (let t = 0; t < turn.length; t++) claimed[turn[t]!] = 1;
    const first = hits[0]!;
    // A second request right after the customer's "好的" continues the same hold.
    if (previous && customerWordsBetween(ctx, previous.lastTurnEnd, turn[0]!) <= 1 && holds.length > 0) {
      const last = holds[holds.length - 1]!;
      if (last.source === 'request') {
        const announce = [...last.announce, ...turn];
        const { returnAt, durationMs } = returnAndDuration(ctx, turn, hits[hits.length - 1]!, nextAgentAfter);
        holds[holds.length - 1] = { source: last.source, announce, request: last.request, durationMs, returnAt, dueUtt: last.dueUtt };
        previous = { announce, lastTurnEnd: turn[turn.length - 1]! };
        continue;
      }
    }
    const { returnAt, durationMs } = returnAndDuration(ctx, turn, hits[hits.length - 1]!, nextAgentAfter);
    holds.push({ source: 'request', announce: turn, request: first, durationMs, returnAt, dueUtt: i });
    previous = { announce: turn, lastTurnEnd: turn[turn.length - 1]! };
  }

  // 3. Long silences with no hold event and no request before them.
  if (cfg.silenceMs !== undefined && ctx.hasTimestamps) {
    const u = ctx.utterances;
    for (let i = 0; i + 1 < u.length; i++) {
      const gapStart = ctx.endOf(i)!;
      const gapEnd = u[i + 1]!.start!;
      if (gapEnd - gapStart <= cfg.silenceMs) continue;
      if (events.some((e) => e.type === 'hold' && e.at >= gapStart - 2000 && e.at <= gapEnd)) continue;
      const turn = u[i]!.speaker === 'customer' ? [] : ctx.agentTurn(i).filter((x) => x <= i);
      if (turn.some((x) => claimed[x] === 1)) continue;
      const back = nextAgentAfter(i);
      holds.push({
        source: 'silence',
        announce: turn,
        request: undefined,
        durationMs: gapEnd - gapStart,
        returnAt: back === undefined ? undefined : { utt: back, from: 0 },
        dueUtt: i,
      });
    }
  }
  return holds;
}

function lastIndexBefore(ctx: InspectionContext, at: number): number | undefined {
  let found: number | undefined;
  for (let i = 0; i < ctx.utterances.length; i++) if ((ctx.startOf(i) ?? Infinity) <= at) found = i;
  return found;
}

function customerWordsBetween(ctx: InspectionContext, from: number, to: number): number {
  let n = 0;
  for (let i = from + 1; i < to; i++) if (ctx.utterances[i]!.speaker === 'customer') n++;
  return n;
}

// In chat exports an agent's request and the answer are often one merged message
// ("请稍等 订单完成时间…"): then the return is the rest of that message.
const MIN_RETURN_CHARS = 8;

function returnAndDuration(
  ctx: InspectionContext,
  turn: readonly number[],
  lastRequest: Hit,
  nextAgentAfter: (utt: number) => number | undefined,
): { returnAt: Hold['returnAt']; durationMs: number | undefined } {
  const tail = ctx.textLength(lastRequest.utt) - lastRequest.to;
  let laterInTurn: number | undefined;
  for (let t = 0; t < turn.length && laterInTurn === undefined; t++) if (turn[t]! > lastRequest.utt) laterInTurn = turn[t];
  let returnAt: Hold['returnAt'];
  if (tail >= MIN_RETURN_CHARS) returnAt = { utt: lastRequest.utt, from: lastRequest.to };
  else if (laterInTurn !== undefined) returnAt = { utt: laterInTurn, from: 0 };
  else {
    const next = nextAgentAfter(turn[turn.length - 1]!);
    returnAt = next === undefined ? undefined : { utt: next, from: 0 };
  }
  let durationMs: number | undefined;
  if (returnAt && returnAt.utt !== lastRequest.utt && ctx.hasTimestamps) {
    durationMs = ctx.startOf(returnAt.utt)! - ctx.endOf(lastRequest.utt)!;
  }
  return { returnAt, durationMs };
}

const DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 半: 0.5 };

const SAID_LIMIT = /([0-9]+|[零一二两三四五六七八九十半]+)\s*(分钟|分|秒钟|秒)/;
const ALL_DIGITS = /^[0-9]+$/;

/** "1分钟", "两到三分钟", "30秒", "三十秒" → ms (the largest number said); unknown → undefined. */
export function parseLimitMs(quote: string): number | undefined {
  // Every limit ends in 分 or 秒: most quotes (稍等, 请稍候…) need no regex.
  if (!quote.includes('分') && !quote.includes('秒')) return undefined;
  const m = SAID_LIMIT.exec(quote);
  if (!m) return undefined;
  const n = ALL_DIGITS.test(m[1]!) ? Number(m[1]) : chineseNumber(m[1]!);
  if (n === undefined) return undefined;
  return m[2]!.startsWith('秒') ? n * 1000 : n * 60_000;
}

function chineseNumber(s: string): number | undefined {
  if (s === '半') return 0.5;
  if (s.includes('十')) {
    const [tens, ones] = s.split('十');
    return (tens ? (DIGITS[tens] ?? 1) : 1) * 10 + (ones ? (DIGITS[ones] ?? 0) : 0);
  }
  const d = DIGITS[s[s.length - 1]!];
  return d;
}
