import { describe, expect, it } from 'vitest';
import { loadDefaultPack } from '../../adapters/standard-files.js';
import { validatePack } from '../standard/validate.js';
import { parseTranscript, type CallEvent, type Channel, type Transcript } from '../interactions/transcript.js';
import { compilePack } from './compile.js';
import { inspectTranscript } from './inspect.js';
import type { Check } from './types.js';

// The rows STANDARD.md gained after the audit of the seeds that the default pack checks
// automatically: PH-RESOLVED, PH-RING-FAULT, PH-REPEAT, PH-VOLUME (proxy), HD-DURING, TR-BRIEF, CB-LONG.

const pack = compilePack(loadDefaultPack());

interface Line {
  who: 'A' | 'C';
  text: string;
  /** Silence before this line, ms (default 600). */
  pause?: number;
}

/** A call with timestamps: lines spoken at 210 字/分 one after another, from the answer on. */
function call(lines: Line[], opts: { channel?: Channel; ringToAnswer?: number; events?: (at: (i: number) => number) => CallEvent[] } = {}): Transcript {
  const answer = opts.ringToAnswer ?? 5000;
  let t = answer + 400;
  const utterances = lines.map((l) => {
    t += l.pause ?? 600;
    const start = t;
    t += Math.round((l.text.length * 60000) / 210);
    return { speaker: l.who === 'A' ? ('agent' as const) : ('customer' as const), text: l.text, start, end: t };
  });
  const at = (i: number) => utterances[i]!.start;
  const events: CallEvent[] = [{ type: 'ring', at: 0 }, { type: 'answer', at: answer }, ...(opts.events?.(at) ?? []), { type: 'hangup', at: t + 1500, by: 'customer' }];
  const parsed = parseTranscript({ id: 'audit', channel: opts.channel ?? 'phone', events, utterances });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.transcript;
}

function check(t: Transcript, rule: string): Check {
  const c = inspectTranscript(t, pack).checks.find((x) => x.rule === rule);
  if (!c) throw new Error(`no check ${rule}`);
  return c;
}

const opening: Line = { who: 'A', text: '您好，这里是XX客服中心，我是客服专员小周，请问有什么可以帮您？' };
const closing: Line[] = [
  { who: 'A', text: '请问还有其他需要协助的吗？' },
  { who: 'C', text: '没有了。' },
  { who: 'A', text: '感谢您的来电，祝您生活愉快，再见！' },
];

describe('PH-RESOLVED: before closing, the agent asks whether the problem is solved', () => {
  it('is met by 003’s question, also written in Traditional; missing, it is reported without points', () => {
    const asked = call([opening, { who: 'C', text: '我想查一下话费。' }, { who: 'A', text: '您本月话费是八十元。请问您的问题已经得到妥善处理了吗？' }, ...closing]);
    expect(check(asked, 'PH-RESOLVED').ok).toBe(true);
    const traditional = call([opening, { who: 'C', text: '我想查一下話費。' }, { who: 'A', text: '您本月話費是八十元。請問您的問題已經得到妥善處理了嗎？' }, ...closing]);
    expect(check(traditional, 'PH-RESOLVED').ok).toBe(true);
    const notAsked = check(call([opening, { who: 'C', text: '我想查一下话费。' }, { who: 'A', text: '您本月话费是八十元。' }, ...closing]), 'PH-RESOLVED');
    expect(notAsked.ok).toBe(false);
    expect(notAsked.severity).toBe('info');
    expect(notAsked.points).toBe(0);
    expect(notAsked.suggestion).toContain('得到妥善处理');
  });

  it('does not apply when the answer was promised for later: nothing is solved yet', () => {
    const later = check(call([opening, { who: 'C', text: '我的宽带一直断线。' }, { who: 'A', text: '不好意思，我反馈给技术部门，核实后给您回电，三个工作日内答复您。' }, ...closing]), 'PH-RESOLVED');
    expect(later.ok).toBeNull();
    expect(later.reason).toContain('稍后答复');
  });
});

describe('PH-RING-FAULT: a caller who waited in the queue hears an apology', () => {
  it('after a 40-second wait the opening must apologise; after 6 seconds the rule does not apply', () => {
    const waited = check(call([opening, { who: 'C', text: '我想查一下话费。' }, ...closing], { ringToAnswer: 40000 }), 'PH-RING-FAULT');
    expect(waited.ok).toBe(false);
    expect(waited.evidence.length).toBeGreaterThan(0);
    const apologised = call([{ who: 'A', text: '您好，很抱歉让您久等了，刚才来电较多。这里是XX客服中心，我是客服专员小周，请问有什么可以帮您？' }, { who: 'C', text: '我想查一下话费。' }, ...closing], { ringToAnswer: 40000 });
    expect(check(apologised, 'PH-RING-FAULT').ok).toBe(true);
    const quick = check(call([opening, { who: 'C', text: '我想查一下话费。' }, ...closing], { ringToAnswer: 6000 }), 'PH-RING-FAULT');
    expect(quick.ok).toBeNull();
    expect(quick.reason).toMatch(/没有久候.*6s/);
  });
});

describe('PH-REPEAT and PH-VOLUME', () => {
  it('a blunt 你说什么 is reported; 麻烦您再说一遍 is not', () => {
    const blunt = check(call([opening, { who: 'C', text: '我那个账单上面多了一笔东西。' }, { who: 'A', text: '你说什么？再说一遍。' }, ...closing]), 'PH-REPEAT');
    expect(blunt.ok).toBe(false);
    expect(blunt.evidence[0]!.quote).toBe('你说什么');
    const polite = check(call([opening, { who: 'C', text: '我那个账单上面多了一笔东西。' }, { who: 'A', text: '不好意思，麻烦您再说一遍，是哪一笔费用？' }, ...closing]), 'PH-REPEAT');
    expect(polite.ok).toBe(true);
  });

  it('a customer who says 听不清 is evidence that the agent was not clear', () => {
    const c = check(call([opening, { who: 'C', text: '喂？听不清，你大声点。' }, ...closing]), 'PH-VOLUME');
    expect(c.ok).toBe(false);
    expect(c.evidence[0]!.quote).toBe('听不清');
  });
});

describe('HD-DURING: no dead air without a hold', () => {
  const lines: Line[] = [opening, { who: 'C', text: '帮我查一下上个月的账单。' }, { who: 'A', text: '好的，我查一下。' }, { who: 'A', text: '上个月的账单是一百二十元。', pause: 45000 }, ...closing];

  it('45 seconds of silence before the agent speaks again, with no hold event, is reported with its length', () => {
    const c = check(call(lines), 'HD-DURING');
    expect(c.ok).toBe(false);
    expect(c.message).toContain('45s');
    expect(c.evidence[0]!.quote).toContain('一百二十元');
  });

  it('the same silence on hold is fine, and a silence the customer ends is theirs', () => {
    const held = call(lines, { events: (at) => [{ type: 'hold', at: at(2) + 3000 }, { type: 'unhold', at: at(3) - 500 }] });
    expect(check(held, 'HD-DURING').ok).toBe(true);
    const customerLooks = call([opening, { who: 'C', text: '我找一下订单号。' }, { who: 'C', text: '找到了，是12345678。', pause: 45000 }, ...closing]);
    expect(check(customerLooks, 'HD-DURING').ok).toBe(true);
  });

  it('without timestamps it does not apply', () => {
    const parsed = parseTranscript({ channel: 'phone', utterances: [{ speaker: 'agent', text: '您好' }, { speaker: 'customer', text: '你好' }] });
    if (!parsed.ok) throw new Error('parse');
    expect(check(parsed.transcript, 'HD-DURING').ok).toBeNull();
  });
});

describe('TR-BRIEF: the colleague who takes the transfer opens with the customer’s issue', () => {
  const before: Line[] = [opening, { who: 'C', text: '我要问一下宽带续费的优惠。' }, { who: 'A', text: '就您所提的这个问题，我会转至对此比较了解的同事，由他给您做专业解释，您看可以吗？' }, { who: 'C', text: '可以。' }];
  const transfer = (at: (i: number) => number) => [
    { type: 'transfer' as const, at: at(3) + 2000, to: 'broadband' },
    { type: 'transfer_answered' as const, at: at(4) - 1000 },
  ];

  it('就您所提到的 meets it; a fresh 请问有什么可以帮您 does not', () => {
    const briefed = call([...before, { who: 'A', text: '不好意思让您久等了，就您所提到的宽带续费优惠，现在有两种套餐。', pause: 8000 }, ...closing], { events: transfer });
    expect(check(briefed, 'TR-BRIEF').ok).toBe(true);
    const fresh = check(call([...before, { who: 'A', text: '您好，请问有什么可以帮您？', pause: 8000 }, ...closing], { events: transfer }), 'TR-BRIEF');
    expect(fresh.ok).toBe(false);
    expect(fresh.severity).toBe('info');
  });
});

describe('CB-LONG: a callback past 3 minutes says honestly how long and asks whether it suits', () => {
  const middle: Line[] = Array.from({ length: 12 }, (_, i) => ({ who: i % 2 === 0 ? 'C' : 'A', text: '关于上次的网络问题，现在使用情况怎么样，还有没有再出现断线的情况呢？', pause: 4000 }) as Line);

  it('一刻钟 with 您现在方便吗 meets it; 几分钟 is refused; a short callback is not judged', () => {
    const honest = call([{ who: 'A', text: '您好，我是XX客服中心的小周，这次回访大约需要一刻钟，您现在方便吗？' }, { who: 'C', text: '方便。' }, ...middle, ...closing], { channel: 'callback' });
    expect(check(honest, 'CB-LONG').ok).toBe(true);
    const vague = check(call([{ who: 'A', text: '您好，我是XX客服中心的小周，耽误您几分钟，您现在方便吗？' }, { who: 'C', text: '方便。' }, ...middle, ...closing], { channel: 'callback' }), 'CB-LONG');
    expect(vague.ok).toBe(false);
    expect(vague.evidence.map((e) => e.quote)).toContain('几分钟');
    const short = check(call([{ who: 'A', text: '您好，我是XX客服中心的小周，您现在方便吗？' }, { who: 'C', text: '方便。' }, ...closing], { channel: 'callback' }), 'CB-LONG');
    expect(short.ok).toBeNull();
    expect(short.reason).toContain('未超过 3 分钟');
  });
});

describe('the pack language for these rules', () => {
  it('an `unless` naming a phrase set that does not exist is refused at its path', () => {
    const source = loadDefaultPack();
    const rules = source.rules.map((r) => (r.id === 'PH-RESOLVED' ? { ...r, unless: { speaker: 'agent' as const, match: ['no_such_set'] } } : r));
    const index = rules.findIndex((r) => r.id === 'PH-RESOLVED');
    const result = validatePack({ ...source, rules });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toContain(`rules.${index}.unless.match.0`);
  });
});

describe('where the seeds disagree: the other reading is a pack edit away', () => {
  const source = loadDefaultPack();
  const edited = (id: string, change: (r: (typeof source.rules)[number]) => (typeof source.rules)[number]) =>
    compilePack({ ...source, rules: source.rules.map((r) => (r.id === id ? change(r) : r)) });

  it('001’s rings: PH-RING with minMs fails a pick-up on the first ring; the default does not', () => {
    const quick = call([opening, { who: 'C', text: '我想查一下话费。' }, ...closing], { ringToAnswer: 2000 });
    expect(check(quick, 'PH-RING').ok).toBe(true);
    const after2nd = edited('PH-RING', (r) => (r.kind === 'timing' ? { ...r, minMs: 5000 } : r));
    const c = inspectTranscript(quick, after2nd).checks.find((x) => x.rule === 'PH-RING')!;
    expect(c.ok).toBe(false);
    expect(c.message).toContain('早于 5s');
  });

  it('001’s opening: with identity_company the centre alone is the identity; by default the agent must be named', () => {
    const companyOnly = call([{ who: 'A', text: '您好，这里是XX客服中心，请问有什么可以帮您？' }, { who: 'C', text: '我想查一下话费。' }, ...closing]);
    expect(check(companyOnly, 'PH-OPEN.identity').ok).toBe(false);
    const pack001 = edited('PH-OPEN.identity', (r) => (r.kind === 'phrase' ? { ...r, match: [...r.match, 'identity_company'] } : r));
    expect(inspectTranscript(companyOnly, pack001).checks.find((x) => x.rule === 'PH-OPEN.identity')!.ok).toBe(true);
  });

  it('a minMs above maxMs is refused at its path', () => {
    const rules = source.rules.map((r) => (r.id === 'PH-RING' && r.kind === 'timing' ? { ...r, minMs: 20000 } : r));
    const result = validatePack({ ...source, rules });
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toContain(`rules.${rules.findIndex((r) => r.id === 'PH-RING')}.minMs`);
  });
});
