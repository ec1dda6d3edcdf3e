import type { CompiledPack } from '../quality/compile.js';
import { inspectTranscript } from '../quality/inspect.js';
import type { Check, QualityResult } from '../quality/types.js';
import { normalizePhrase } from '../text/normalize.js';
import type { DrillScenario } from './drill-scenarios.js';

export interface DrillLine {
  speaker: 'agent' | 'customer';
  text: string;
  at: number;
}

export interface DrillFinding {
  rule: string;
  ok: boolean;
  severity: string;
  message: string;
  quote: string | null;
  suggestion?: string;
}

/** How one reply was judged, the moment it was sent. */
export interface ReplyJudgement {
  /** Index of the reply in `lines`. */
  utterance: number;
  findings: DrillFinding[];
  /** The engine's score of the call so far. */
  score: number;
  fatal: boolean;
}

export interface ObservationCard {
  observer: string;
  /** Per card item (requirement ID): 1–5 as perceived, with a remark. */
  items: Array<{ rule: string; rating: number; remark?: string }>;
  comment?: string;
  at: number;
}

export interface DrillRun {
  id: string;
  scenario: string;
  trainee: string;
  startedAt: number;
  finishedAt: number | null;
  /** The customer hung up (a branch ended the call) or the turns ran out. */
  ended: boolean;
  lines: DrillLine[];
  judgements: ReplyJudgement[];
  /** The engine's judgement of the whole drill, at the end. */
  result: QualityResult | null;
  card: ObservationCard | null;
}

export function startDrill(scenario: DrillScenario, o: { id: string; trainee: string; now: number }): DrillRun {
  return {
    id: o.id,
    scenario: scenario.id,
    trainee: o.trainee,
    startedAt: o.now,
    finishedAt: null,
    ended: false,
    lines: scenario.opening === null ? [] : [{ speaker: 'customer', text: scenario.opening, at: o.now }],
    judgements: [],
    result: null,
    card: null,
  };
}

function transcriptOf(scenario: DrillScenario, run: DrillRun, hangupBy: 'customer' | null) {
  return {
    id: run.id,
    channel: 'phone' as const,
    direction: scenario.direction,
    agent: run.trainee,
    utterances: run.lines.map((l) => ({ speaker: l.speaker, text: l.text })),
    ...(hangupBy && { events: [{ type: 'hangup' as const, at: 0, by: hangupBy }] }),
  };
}

/**
 * Whether a missing element is already a fault at this reply: what belongs to the opening (the
 * first turn) or must come first (an apology before the plan, kind `order`) cannot be made good
 * later; everything else (a closing, a polite word somewhere in the call) is judged at the end.
 */
function missingCountsNow(compiled: CompiledPack, rule: string): boolean {
  const node = compiled.rules.find((n) => n.rule.id === rule);
  if (!node) return false;
  const scope = node.rule.scope;
  return scope?.segment === 'opening' || scope?.first !== undefined || node.rule.kind === 'order';
}

function findingOf(c: Check, quote: string | null): DrillFinding {
  return { rule: c.rule, ok: c.ok === true, severity: c.severity, message: c.message, quote, ...(c.ok === false && c.suggestion && { suggestion: c.suggestion }) };
}

/**
 * The checks one reply answers for: the engine (the same `inspectTranscript` that judges calls)
 * judges the call so far, and each check whose evidence lies in this reply is reported — a hit
 * (a greeting, a taboo phrase) or a fault of something missing that cannot come later.
 */
export function judgeReply(scenario: DrillScenario, run: DrillRun, utterance: number, compiled: CompiledPack): ReplyJudgement {
  const result = inspectTranscript(transcriptOf(scenario, { ...run, lines: run.lines.slice(0, utterance + 1) }, null), compiled);
  const findings: DrillFinding[] = [];
  for (const c of result.checks) {
    if (c.ok === null) continue;
    const here = c.evidence.filter((e) => e.utterance === utterance);
    const said = here.find((e) => !e.missing);
    if (said) findings.push(findingOf(c, said.quote));
    else if (c.ok === false && here.some((e) => e.missing) && missingCountsNow(compiled, c.rule)) findings.push(findingOf(c, null));
  }
  // Faults first, then what went well.
  findings.sort((a, b) => Number(a.ok) - Number(b.ok));
  return { utterance, findings, score: result.score, fatal: result.fatal };
}

/** The customer's answer to the trainee's n-th reply: the first branch whose words the reply has. */
export function customerAnswer(scenario: DrillScenario, replyIndex: number, reply: string): { say: string; end: boolean } {
  const turn = scenario.turns[replyIndex];
  if (!turn) return { say: scenario.closing, end: true };
  const text = normalizePhrase(reply);
  const branch = turn.branches.find((b) => b.any.some((w) => text.includes(normalizePhrase(w))));
  if (branch) return { say: branch.say, end: branch.end ?? false };
  return { say: turn.otherwise, end: turn.otherwiseEnd ?? false };
}

/** The trainee sends a reply: it is judged at once, and the customer answers (or hangs up). */
export function replyInDrill(scenario: DrillScenario, run: DrillRun, text: string, compiled: CompiledPack, now: number): DrillRun {
  const replyIndex = run.lines.filter((l) => l.speaker === 'agent').length;
  const lines: DrillLine[] = [...run.lines, { speaker: 'agent', text, at: now }];
  const judgement = judgeReply(scenario, { ...run, lines }, lines.length - 1, compiled);
  const answer = customerAnswer(scenario, replyIndex, text);
  lines.push({ speaker: 'customer', text: answer.say, at: now });
  return { ...run, lines, judgements: [...run.judgements, judgement], ended: answer.end };
}

/** The end of the drill: the engine judges the whole call (the customer hung up when the drill ended on their side). */
export function finishDrill(scenario: DrillScenario, run: DrillRun, compiled: CompiledPack, now: number): DrillRun {
  const result = inspectTranscript(transcriptOf(scenario, run, run.ended ? 'customer' : null), compiled);
  return { ...run, ended: true, finishedAt: now, result };
}
