import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Converter } from 'opencc-js';
import { loadDefaultPack } from '../../adapters/standard-files.js';
import { parseTranscript, type Transcript, type TranscriptInput } from '../interactions/transcript.js';
import { compilePack } from './compile.js';
import { inspectTranscript } from './inspect.js';
import { renderReport } from './report.js';
import type { Check, QualityResult } from './types.js';

const pack = compilePack(loadDefaultPack());
const toTraditional = Converter({ from: 'cn', to: 'tw' });

function transcript(input: TranscriptInput): Transcript {
  const parsed = parseTranscript(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.transcript;
}
/** A chat (no timestamps) from alternating lines: "A:" agent, "C:" customer. */
function chat(lines: string[], extra: Partial<TranscriptInput> = {}): Transcript {
  return transcript({
    id: 't',
    channel: 'chat',
    utterances: lines.map((l) => ({ speaker: l.startsWith('A:') ? 'agent' : 'customer', text: l.slice(2) })),
    ...extra,
  });
}
function inspect(t: Transcript): QualityResult {
  return inspectTranscript(t, pack);
}
function check(result: QualityResult, rule: string): Check {
  const c = result.checks.find((x) => x.rule === rule);
  if (!c) throw new Error(`no check ${rule}`);
  return c;
}
function example(name: string): Transcript {
  return transcript(JSON.parse(readFileSync(new URL(`../../../examples/transcripts/${name}`, import.meta.url), 'utf8')) as TranscriptInput);
}

describe('acceptance', () => {
  it("the manuals' ideal call scores 100 with every applicable check ok", () => {
    const result = inspect(example('ideal-call.json'));
    expect(result.score).toBe(100);
    expect(result.fatal).toBe(false);
    expect(result.standard).toBe('default@1');
    for (const c of result.checks) expect([c.rule, c.ok]).not.toEqual([c.rule, false]);
    for (const rule of ['PH-OPEN.greeting', 'PH-OPEN.identity', 'PH-OPEN.offer', 'PH-OPEN.time', 'PH-RING', 'PH-CONFIRM', 'PH-CLOSE', 'PH-CLOSE-ASK', 'PH-HANGUP', 'HD-WHY', 'HD-ASK', 'HD-LIMIT', 'HD-KEEP', 'CP-APOLOGY']) {
      expect(check(result, rule).ok, rule).toBe(true);
    }
    for (const c of result.checks.filter((x) => x.ok === null)) expect(c.reason, c.rule).toBeTruthy();
  });

  it('the bad call reports 我不知道, the missing closing, the unexplained hold and the agent hang-up', () => {
    const t = example('bad-call.json');
    const result = inspect(t);
    expect(result.fatal).toBe(true);
    expect(result.score).toBe(0);
    const taboo = check(result, 'PH-TABOO');
    expect(taboo.ok).toBe(false);
    expect(taboo.severity).toBe('fatal');
    expect(taboo.evidence[0]).toMatchObject({ utterance: 2, from: 0, to: 4, quote: '我不知道' });
    expect(t.utterances[2]!.text.slice(taboo.evidence[0]!.from, taboo.evidence[0]!.to)).toBe('我不知道');
    expect(taboo.suggestion).toContain('查询后回复您');
    expect(check(result, 'PH-CLOSE').ok).toBe(false);
    expect(check(result, 'PH-CLOSE').evidence[0]?.missing).toBe(true);
    for (const rule of ['HD-WHY', 'HD-ASK', 'HD-LIMIT']) expect(check(result, rule).ok, rule).toBe(false);
    const hangup = check(result, 'PH-HANGUP');
    expect(hangup).toMatchObject({ ok: false, severity: 'fatal' });
    expect(hangup.evidence.length).toBeGreaterThan(0);
    for (const c of result.checks.filter((x) => x.ok === false)) {
      expect(c.evidence.length, c.rule).toBeGreaterThan(0);
      expect(c.message, c.rule).toBeTruthy();
    }
  });

  it('the same call in Traditional and Simplified gives the same checks', () => {
    const simplified = inspect(example('ideal-call.json'));
    const traditional = inspect(example('ideal-call-traditional.json'));
    const summary = (r: QualityResult) => r.checks.map((c) => [c.rule, c.ok, c.points]);
    expect(summary(traditional)).toEqual(summary(simplified));
    const bad = example('bad-call.json');
    const badTw = { ...bad, utterances: bad.utterances.map((u) => ({ ...u, text: toTraditional(u.text) })) };
    expect(summary(inspect(badTw))).toEqual(summary(inspect(bad)));
  });
});

describe("the manuals' role-play scenes (seed 001)", () => {
  it('the late call-back: no greeting, solution before the apology, agent hangs up', () => {
    const t = transcript({
      id: 'late-callback',
      channel: 'callback',
      direction: 'outbound',
      events: [{ type: 'answer', at: 0 }, { type: 'hangup', at: 40000, by: 'agent' }],
      utterances: [
        { speaker: 'agent', text: '我是王燕，有什么问题吗?' },
        { speaker: 'customer', text: '王燕?' },
        { speaker: 'agent', text: '是啊，电话公司的王燕，我是不是应该早一点给你打电话?' },
        { speaker: 'customer', text: '是的，你应该调查一下，然后向我解释我的账单费用，现在账单上的费用与你们的承诺不符。' },
        { speaker: 'agent', text: '好的，我实在太忙了，现在给你查。真对不起，你的账号是多少?' },
        { speaker: 'customer', text: '王燕，我正在开会，你下午再给我来个电话可以吗?' },
        { speaker: 'agent', text: '当然，我一会儿再给你打电话。' },
      ],
    });
    const r = inspect(t);
    expect(check(r, 'PH-OPEN.greeting').ok).toBe(false);
    expect(check(r, 'CB-OPEN').ok).toBe(false);
    const order = check(r, 'CP-APOLOGY');
    expect(order.ok).toBe(false);
    expect(order.evidence[0]?.quote).toBe('给你查');
    expect(check(r, 'CB-HANGUP').ok).toBe(false);
    expect(check(r, 'FU-NEXT').ok).toBe(false);
    expect(check(r, 'PH-CLOSE').ok).toBe(false);
  });

  it('the defensive warehouse clerk: 我不知道 and 不是由我负责 are taboo, no apology to a complaint', () => {
    const r = inspect(chat([
      'A:这里是纸制品仓库，我是小李，我能帮您做些什么吗?',
      'C:您好，我是城市广场印务公司的李明，我向贵公司订了27卷纸，贵公司承诺在两天内送到，但是直到现在我们还没有收到。',
      'A:是吗?',
      'C:我必须立即启动这个项目，否则就无法及时完成。',
      'A:哦，好，我不知道什么地方出了问题，那份订单并不是由我负责的。',
      'C:算了吧。我到别处买去。',
    ], { channel: 'phone' }));
    const taboo = check(r, 'PH-TABOO');
    expect(taboo.ok).toBe(false);
    expect(taboo.evidence.map((e) => e.quote)).toEqual(['我不知道', '并不是由我负责']);
    expect(check(r, 'CP-APOLOGY').ok).toBe(false);
    expect(check(r, 'PH-OPEN.greeting').ok).toBe(false);
    expect(check(r, 'PH-OPEN.identity').ok).toBe(true);
    expect(r.fatal).toBe(true);
  });

  it('the billing wall: curt opening, the amount never read back, blaming the customer', () => {
    const r = inspect(chat([
      'C:您好! 是××电信公司吗?',
      'A:什么事?',
      'C:我想查一下我的电话话费单，您在听吗?',
      'A:是的。',
      'C:账单上的余额跟我算的不一样，你是不是算错了?',
      'A:您的账号?',
      'C:12345。',
      'A:我的计算机显示余额是46元。',
      'C:那是您计算机上的数字，我算的是68元。怎么办? 您再查一下吧!',
      'A:不好意思，我这里不能再查了，可能是您算错了，您应该好好保存所有的账单。',
    ], { channel: 'phone' }));
    expect(check(r, 'PH-OPEN.greeting').ok).toBe(false);
    expect(check(r, 'PH-OPEN.offer').ok).toBe(false);
    expect(check(r, 'PH-CONFIRM').ok).toBe(false);
    expect(check(r, 'PH-CONFIRM').evidence.map((e) => e.quote)).toContain('12345');
    const taboo = check(r, 'PH-TABOO');
    // 我这里不能再查 and 不能再查了 overlap: one quote, not two.
    expect(taboo.evidence.map((e) => e.quote)).toEqual(expect.arrayContaining(['我这里不能再查了', '是您算错了', '您应该好好保存']));
    expect(taboo.evidence.map((e) => e.quote)).not.toContain('不能再查了');
  });

  it('merges overlapping taboo hits into one piece of evidence spanning both', () => {
    const r = inspect(chat(['C:你好', 'A:您好，你自己看说明书吧，我这里不能再查了。']));
    const taboo = check(r, 'PH-TABOO');
    expect(taboo.evidence.map((e) => [e.quote, e.from, e.to])).toEqual([
      ['你自己看说明书', 3, 10],
      ['我这里不能再查了', 12, 20],
    ]);
    expect(taboo.message).toBe('禁忌用语：出现「你自己看说明书」、「我这里不能再查了」');
  });

  it('the forgotten password: no complaint, so the apology order does not apply', () => {
    const r = inspect(chat([
      'A:这里是H公司客户服务中心，请问您有什么问题?',
      'C:我的上网密码忘记了，找了很多次都没成功。',
      'A:这位先生，请问您贵姓?',
      'C:我姓赵。',
      'A:赵先生，请问您找回密码是通过我们网站提交密码提问来找回的吗?',
      'C:是的，我是一年前注册的，现在已经记不清密码提示问题了。',
      'A:密码找回是要通过密码提示问题找回的。',
      'C:你的意思就是我就找不回密码了?',
      'A:赵先生，我很理解您此时的心情，如果我遇到您这种情况，我也会像您一样着急。我们这么做也是为了保护客户的利益。',
    ], { channel: 'phone' }));
    expect(check(r, 'CP-APOLOGY')).toMatchObject({ ok: null, reason: '不是投诉/不满场景' });
    // The centre alone (这里是H公司客户服务中心) names no agent: not an identity.
    expect(check(r, 'PH-OPEN.identity').ok).toBe(false);
    expect(check(r, 'PH-OPEN.offer').ok).toBe(true);
    expect(check(r, 'PH-CLOSE-ASK').ok).toBe(false);
    expect(check(r, 'PH-TABOO').ok).toBe(true);
  });

  it('the disguised sales call: a callback with no "is now convenient?"', () => {
    const r = inspect(chat([
      'A:先生，您好，这里是××公司个人终端服务中心，我们正在开展一个调研活动，我们可以问两个问题吗?',
      'C:好。',
      'A:您经常使用计算机吗?',
    ], { channel: 'callback', direction: 'outbound' }));
    expect(check(r, 'CB-OPEN').ok).toBe(false);
    expect(check(r, 'PH-OPEN.greeting').ok).toBe(true);
    expect(check(r, 'PH-OPEN.offer').ok).toBeNull();
  });

  it('the good network-card call: opening, no taboo; the card number was not read back', () => {
    const r = inspect(chat([
      'A:××网络公司客户服务部，我是××，我能帮您做点什么?',
      'C:您好，我是××，我希望您能帮忙。',
      'A:当然，我非常愿意帮助您，我能做些什么?',
      'C:请帮我查一下我的上网卡，它突然无法上网了!',
      'A:当然可以，我们马上替您办。',
      'C:那太好了。我的上网卡是包月卡，还没有到期，不应该出现这种情况啊!',
      'A:是呀，遇到这种情况我也会很烦的。',
      'C:啊! 看来不只是我这样想，太好了。',
      'A:当然，现在告诉我您的卡号好吗?',
      'C:好的，7890。',
      'A:为了确认一下，能告诉我您首次登录的时间吗?',
      'C:2月14日。',
      'A:谢谢。已查明您不能上网的原因是网络服务器故障，现在已经解决了。由于我们的问题给您带来不便，十分抱歉。',
      'C:没关系。',
    ], { channel: 'phone' }));
    expect(check(r, 'PH-OPEN.identity').ok).toBe(true);
    expect(check(r, 'PH-OPEN.offer').ok).toBe(true);
    expect(check(r, 'PH-TABOO').ok).toBe(true);
    expect(check(r, 'CP-APOLOGY').ok).toBeNull();
    expect(check(r, 'PH-CONFIRM').ok).toBe(false);
    expect(r.fatal).toBe(false);
  });
});

describe('taboo false positives', () => {
  it('不清楚 about what the customer found unclear, or the agent not hearing, is not taboo', () => {
    const r = inspect(chat(['A:您好，请问有什么可以帮您?', 'C:说明书看不懂', 'A:您说的不清楚的地方我再解释一下。', 'A:对不起，我没有听清楚，请您再说一遍，好吗?']));
    expect(check(r, 'PH-TABOO').ok).toBe(true);
  });

  it('the customer saying 我不知道 is not judged; the agent saying 不清楚 is', () => {
    const r = inspect(chat(['A:您好，请问有什么可以帮您?', 'C:我不知道订单号在哪里', 'A:不知道您方便提供手机号吗?']));
    expect(check(r, 'PH-TABOO').ok).toBe(true);
    const bad = inspect(chat(['A:您好，请问有什么可以帮您?', 'C:什么时候到?', 'A:这个我也不太清楚。']));
    expect(check(bad, 'PH-TABOO').evidence[0]?.quote).toBe('不太清楚');
  });
});

describe('holds in chats and calls', () => {
  it('a request to wait in a chat is a hold with the same etiquette checks', () => {
    const good = inspect(chat(['C:我的退款到哪了', 'A:您好，我帮您查询一下退款进度，请您稍等1分钟好吗?', 'C:好', 'A:感谢您的耐心等待，退款已经到账了。']));
    expect(['HD-WHY', 'HD-ASK', 'HD-LIMIT', 'HD-KEEP'].map((r) => check(good, r).ok)).toEqual([true, true, true, true]);
    const bare = inspect(chat(['C:我的退款到哪了', 'A:稍等', 'A:退款已经到账了。']));
    expect(['HD-ASK', 'HD-LIMIT', 'HD-KEEP'].map((r) => check(bare, r).ok)).toEqual([false, false, false]);
  });

  it('waiting for a delivery or a refund is not a hold', () => {
    const r = inspect(chat(['C:什么时候到', 'A:您好，包裹正在配送中，还请您耐心等待一下哦', 'A:退款预计3个工作日到账，请您稍等几天']));
    expect(check(r, 'HD-WHY')).toMatchObject({ ok: null, reason: '没有发生等待/保持' });
  });

  it('a hold longer than the limit the agent named fails HD-KEEP', () => {
    const t = transcript({
      events: [{ type: 'answer', at: 0 }, { type: 'hold', at: 12000 }, { type: 'unhold', at: 200000 }],
      utterances: [
        { speaker: 'agent', text: '我帮您查询一下，请您稍等1分钟好吗?', start: 1000, end: 8000 },
        { speaker: 'customer', text: '好的。', start: 9000, end: 10000 },
        { speaker: 'agent', text: '让您久等了。', start: 201000, end: 203000 },
      ],
    });
    const keep = check(inspect(t), 'HD-KEEP');
    expect(keep.ok).toBe(false);
    expect(keep.message).toContain('超过时限');
  });
});

describe('timing rule kinds', () => {
  it('without timestamps every timing check is null with a reason', () => {
    const r = inspect(chat(['A:您好', 'C:在吗']));
    for (const rule of ['PH-RING', 'PH-OPEN.time', 'PH-RATE', 'PH-LISTEN']) {
      const c = check(r, rule);
      expect(c.ok, rule).toBeNull();
      expect(c.reason, rule).toBeTruthy();
    }
  });

  it('interrupting the customer is reported, a short 嗯 is not', () => {
    const t = transcript({
      utterances: [
        { speaker: 'customer', text: '我上个月的账单多了三十块钱，我想知道是怎么回事，还有这个月的', start: 0, end: 9000 },
        { speaker: 'agent', text: '嗯', start: 3000, end: 3300 },
        { speaker: 'agent', text: '这个是增值业务的费用，您开通过的', start: 6000, end: 10000 },
      ],
    });
    const listen = check(inspect(t), 'PH-LISTEN');
    expect(listen.ok).toBe(false);
    expect(listen.evidence.map((e) => e.utterance)).toEqual([2]);
  });

  it('speech far outside 200–220 chars/min is reported', () => {
    const t = transcript({
      utterances: [{ speaker: 'agent', text: '您好这里是客服中心我是小周请问有什么可以帮您的吗', start: 0, end: 3000 }],
    });
    expect(check(inspect(t), 'PH-RATE').ok).toBe(false);
  });

  it('ring time over 3 rings fails PH-RING', () => {
    const t = transcript({ events: [{ type: 'ring', at: 0 }, { type: 'answer', at: 21000 }], utterances: [{ speaker: 'agent', text: '您好' }] });
    expect(check(inspect(t), 'PH-RING').ok).toBe(false);
  });
});

describe('transfers', () => {
  it('checks reason, consent, name, pickup and thanks around a transfer', () => {
    const t = transcript({
      events: [{ type: 'answer', at: 0 }, { type: 'transfer', at: 30000, to: 'billing' }, { type: 'transfer_answered', at: 39000 }],
      utterances: [
        { speaker: 'agent', text: '您好，这里是客服中心，请问您贵姓?', start: 500, end: 4000 },
        { speaker: 'customer', text: '我姓钱，我要问账单。', start: 5000, end: 8000 },
        { speaker: 'agent', text: '钱先生，就您所提的这个问题我会转至对此方面比较了解的同事那里，由他给您做专业解释，您看可以吗?', start: 9000, end: 25000 },
        { speaker: 'customer', text: '可以。', start: 26000, end: 27000 },
        { speaker: 'agent', text: '钱先生，不好意思让您久等了，就您所提到的账单问题……', start: 40000, end: 46000 },
      ],
    });
    const r = inspect(t);
    expect(['TR-WHY', 'TR-ASK', 'TR-INFO', 'TR-PICKUP', 'TR-THANK'].map((x) => check(r, x).ok)).toEqual([true, true, true, true, true]);
  });
});

describe('real chats (JDDC 2019, Simplified)', () => {
  const lines = readFileSync(new URL('../../../test/fixtures/jddc2019/chats.jsonl', import.meta.url), 'utf8').trim().split('\n');
  const results = lines.map((l) => inspect(transcript(JSON.parse(l) as TranscriptInput)));

  it('reads the canned "还请您稍等，正在为您查询" as a hold with a reason but no consent or limit', () => {
    const r = results[0]!;
    expect(check(r, 'HD-WHY').ok).toBe(true);
    expect(check(r, 'HD-ASK').ok).toBe(false);
    expect(check(r, 'HD-LIMIT').ok).toBe(false);
    expect(check(r, 'PH-OPEN.offer').ok).toBe(true);
    expect(check(r, 'PH-OPEN.greeting').ok).toBe(false);
    expect(check(r, 'PH-CLOSE-ASK').ok).toBe(true);
  });

  it('recognises the JD closing and skips the order card the customer clicked', () => {
    const r = results[1]!;
    expect(check(r, 'PH-CLOSE').ok).toBe(true);
    expect(check(r, 'PH-CONFIRM').evidence.every((e) => e.utterance !== 0)).toBe(true);
  });

  it('does not take 耐心等待 for a delivery as a hold', () => {
    expect(check(results[2]!, 'HD-WHY').ok).toBeNull();
  });

  it('a text-only chat gets null timing checks and a full report', () => {
    const r = results[0]!;
    expect(check(r, 'PH-OPEN.time').ok).toBeNull();
    const t = transcript(JSON.parse(lines[0]!) as TranscriptInput);
    expect(renderReport(r, t, 'en')).toContain('Quality report');
    expect(renderReport(r, t)).toContain('建议话术');
  });
});

describe('crafted calls from issue #11 (the guideline, not single sessions)', () => {
  it('an inquiry about a late delivery is not a complaint; dissatisfaction about it is', () => {
    const inquiry = inspect(chat([
      'A:您好，请问有什么可以帮您？',
      'C:我的快递什么时候能到？明天能送到吗？',
      'A:您的订单已经发货，预计明天送达。',
      'C:好的，谢谢',
    ]));
    expect(check(inquiry, 'CP-APOLOGY')).toMatchObject({ ok: null, reason: '不是投诉/不满场景' });
    const complaint = inspect(chat([
      'A:您好，请问有什么可以帮您？',
      'C:我的快递什么时候能到？',
      'A:您的订单已经发货，预计明天送达。',
      'C:说好昨天到的，怎么还没到？太慢了！',
      'A:非常抱歉给您带来不便，我马上帮您催促站点尽快派送。',
    ]));
    const order = check(complaint, 'CP-APOLOGY');
    expect(order.ok).toBe(true);
    // Its start is the customer's words of dissatisfaction, not the calm question before them.
    expect(order.evidence.at(-1)).toMatchObject({ utterance: 3 });
  });

  it('a solution before 不好意思 fails CP-APOLOGY; information or a hold before the apology does not', () => {
    const late = inspect(chat([
      'C:订单下了五天了还没发货，怎么回事？',
      'A:我马上帮您催一下仓库，不好意思。',
    ]));
    const order = check(late, 'CP-APOLOGY');
    expect(order.ok).toBe(false);
    expect(order.evidence.map((e) => e.quote)).toEqual(['帮您催', '不好意思', '五天了']);
    const held = inspect(chat([
      'C:订单下了五天了还没发货，怎么回事？',
      'A:请您稍等，正在为您查询。',
      'A:非常抱歉让您久等了，我马上帮您催一下仓库。',
    ]));
    expect(check(held, 'CP-APOLOGY').ok).toBe(true);
  });

  it('FU-NEXT does not apply to an answer given in the call, only to an answer put off until later', () => {
    const answered = inspect(chat([
      'C:我的快递明天能到吗？',
      'A:您好，已经为您查询到了，明天下午送达，快递员会提前联系您。',
      'C:好的',
    ]));
    expect(check(answered, 'FU-NEXT').ok).toBeNull();
    const deferred = inspect(chat([
      'C:我的发票为什么还没开？',
      'A:您好，这个我需要核实后给您回复。',
    ]));
    expect(check(deferred, 'FU-NEXT').ok).toBe(false);
    const kept = inspect(chat([
      'C:我的发票为什么还没开？',
      'A:您好，这个我需要核实后给您回复，不好意思，明天下午之前给您答复，感谢您的耐心。',
    ]));
    expect(check(kept, 'FU-NEXT').ok).toBe(true);
  });

  it('chat openings: the agent\'s own reply after a template, a term of address that opens it, no trailing 亲', () => {
    const afterTemplate = inspect(chat([
      'A:有什么问题我可以帮您处理或解决呢?',
      'C:我想改地址',
      'A:亲爱的，小妹这边帮您查看下',
    ]));
    expect(check(afterTemplate, 'PH-OPEN.greeting')).toMatchObject({ ok: true, evidence: [{ utterance: 2, quote: '亲爱的' }] });
    const trailing = inspect(chat(['A:有什么问题我可以帮您处理或解决呢?', 'C:能开发票吗', 'A:可以的哦 亲']));
    expect(check(trailing, 'PH-OPEN.greeting').ok).toBe(false);
    const third = inspect(chat(['A:有什么问题我可以帮您处理或解决呢?', 'C:在吗', 'A:请问您要咨询哪个订单', 'C:这个', 'A:您好']));
    expect(check(third, 'PH-OPEN.greeting').ok).toBe(false);
    // On the phone a term of address is not the greeting.
    expect(check(inspect(chat(['A:亲，请问有什么可以帮您？'], { channel: 'phone' })), 'PH-OPEN.greeting').ok).toBe(false);
  });

  it('identity needs the agent (a number or a name), not the centre alone — on the phone too', () => {
    expect(check(inspect(chat(['A:您好，欢迎致电XX客服中心，请问有什么可以帮您？'], { channel: 'phone' })), 'PH-OPEN.identity').ok).toBe(false);
    expect(check(inspect(chat(['A:您好，XX客服中心，客服专员8号为您服务'], { channel: 'phone' })), 'PH-OPEN.identity').ok).toBe(true);
    expect(check(inspect(chat(['A:您好，我是京东服务专员[数字x]号，很高兴为您服务'])), 'PH-OPEN.identity').ok).toBe(true);
  });

  it('PH-CONFIRM: a card or order read back with 是这个…吗 confirms; the action alone or a card without a question does not', () => {
    const card = inspect(chat(['C:[订单编号:1234567，订单金额:99元]', 'A:[订单x] 请问是这个订单吗', 'C:是的']));
    expect(check(card, 'PH-CONFIRM')).toMatchObject({ ok: true, evidence: [{ utterance: 1 }] });
    const title = inspect(chat(['C:发票抬头要改成公司', 'A:个人改公司是吗']));
    expect(check(title, 'PH-CONFIRM').ok).toBe(true);
    const actionOnly = inspect(chat(['C:订单号20260302123，帮我取消', 'A:取消订单么', 'C:对']));
    expect(check(actionOnly, 'PH-CONFIRM').ok).toBe(false);
    const noQuestion = inspect(chat(['C:订单号20260302123', 'A:20260302123这个订单已经发货了']));
    expect(check(noQuestion, 'PH-CONFIRM').ok).toBe(false);
  });

  it('buck-passing and flat refusals are taboo with the replacement wording, unless a route, reason or apology follows', () => {
    const buck = check(inspect(chat(['C:发票开错了', 'A:发票不是我们开的呢', 'C:那怎么办', 'A:好的呢'])), 'PH-TABOO');
    expect(buck.ok).toBe(false);
    expect(buck.evidence[0]?.quote).toBe('不是我们开的');
    expect(buck.suggestion).toContain('联系');
    expect(check(inspect(chat(['C:发票开错了', 'A:发票不是我们开的呢，是商家开具的，您可以联系商家客服'])), 'PH-TABOO').ok).toBe(true);
    const flat = check(inspect(chat(['C:我下不了单', 'A:无法下单也无法恢复', 'C:好吧', 'A:嗯'])), 'PH-TABOO');
    expect(flat.ok).toBe(false);
    expect(check(inspect(chat(['C:我下不了单', 'A:无法下单也无法恢复', 'C:好吧', 'A:很抱歉，您可以重新下单哦'])), 'PH-TABOO').ok).toBe(true);
    expect(check(inspect(chat(['C:能改价格吗', 'A:报关成功了，所以此单无法修改'])), 'PH-TABOO').ok).toBe(true);
  });

  it('the new rules give the same checks in Traditional characters', () => {
    const lines = [
      'A:有什么问题我可以帮您处理或解决呢?',
      'C:订单下了五天了还没发货，怎么回事？为什么这么慢',
      'A:亲爱的，[订单x] 是这个订单吗',
      'C:是',
      'A:我马上帮您催一下仓库，不好意思。',
      'C:发票呢',
      'A:发票不是我们开的呢',
      'C:好',
      'A:这个我需要核实后给您回复',
    ];
    const simplified = inspect(chat(lines));
    const traditional = inspect(chat(lines.map((l) => toTraditional(l))));
    const summary = (r: QualityResult) => r.checks.map((c) => [c.rule, c.ok, c.evidence.map((e) => [e.utterance, e.from, e.to])]);
    expect(summary(traditional)).toEqual(summary(simplified));
    expect(['PH-OPEN.greeting', 'PH-CONFIRM', 'CP-APOLOGY', 'PH-TABOO', 'FU-NEXT'].map((r) => check(simplified, r).ok)).toEqual([true, true, false, false, false]);
  });
});

describe('held-out check: general patterns unseen chats showed (the guideline, not single sessions)', () => {
  it('a look-up said now is a hold (the guideline\'s 我给您查看下之前的记录); after a request for the order number it is not', () => {
    const r = inspect(chat(['C:我的申诉没有结果?', 'A:您好 我给您查看下之前的记录', 'C:好', 'A:看到您申请过了，目前在退款中']));
    expect(check(r, 'HD-WHY').ok).toBe(true);
    const asked = inspect(chat(['C:退款到哪了', 'A:麻烦您提供一下订单号 小妹这边为您查询一下', 'C:[订单x]', 'A:已经退回了']));
    expect(check(asked, 'HD-WHY').ok).toBeNull();
  });

  it('what follows the return in the same message is the answer, not the hold\'s reason or consent', () => {
    const bare = inspect(chat(['C:价保呢', 'A:亲爱的，稍等下哦 价保 -[金额x] 申请成功 一般在线支付系统是原路退回的哈']));
    expect(check(bare, 'HD-WHY').ok).toBe(false);
    const action = inspect(chat(['C:行车记录仪坏了', 'A:还请您稍等，马上为您查询~ 我帮您申请售后维修您看可以吗']));
    expect(check(action, 'HD-WHY').ok).toBe(true);
    expect(check(action, 'HD-ASK').ok).toBe(false);
    expect(check(inspect(chat(['C:查下订单', 'A:请您稍等一下，好吗?'])), 'HD-ASK').ok).toBe(true);
  });

  it('a wait for a transfer with consent is the transfer, not a hold', () => {
    const r = inspect(chat(['C:换绑手机', 'A:这个需要给您转接至换绑客服为您提供更为专业的解答，请您在屏幕那边稍稍等待下呢，您看可以么~', 'C:可以']));
    expect(check(r, 'HD-WHY').ok).toBeNull();
  });

  it('typed variants of the open question are the offer; a wish to serve again closes; rating thanks a sentence apart do not', () => {
    expect(check(inspect(chat(['C:你好', 'A:亲亲，是咨询之前的问题还是咨询其他的问题呢'])), 'PH-OPEN.offer').ok).toBe(true);
    expect(check(inspect(chat(['C:在吗', 'A:请问您是看中了哪款商品呢，还是有售后问题需要处理呢?'])), 'PH-OPEN.offer').ok).toBe(true);
    expect(check(inspect(chat(['C:好的谢谢', 'A:不客气的哦 希望下次有机会再为您服务'])), 'PH-CLOSE').ok).toBe(true);
    expect(check(inspect(chat(['C:好的谢谢', 'A:还辛苦您给小妹的服务打个评价呢~点击表情栏旁边的“+”哦，谢谢您啦~'])), 'PH-CLOSE').ok).toBe(false);
  });

  it('为何 and a failed JD process are complaints; the customer\'s own mistake is not', () => {
    const applies = (text: string) => check(inspect(chat([`C:${text}`, 'A:非常抱歉'])), 'CP-APOLOGY').ok !== null;
    expect(applies('这个支付账单为何不多保存一点啊')).toBe(true);
    expect(applies('还有这个单子没有申请订单成功 退款')).toBe(true);
    expect(applies('其他我都收到了 是不是搞错了')).toBe(true);
    expect(applies('我把收货人电话搞错了怎么办')).toBe(false);
    expect(applies('密码找了很多次都没成功')).toBe(false);
    expect(applies('这么短  [数字x]厘米?')).toBe(true);
    expect(applies('收到的时候杯子都碎了')).toBe(true);
    expect(applies('屏幕碎了，通过京东平台换多少钱')).toBe(false);
  });

  it('请您等下 and 我现在看下 are holds; 还有可以为您服务的吗 asks for anything else', () => {
    const r = inspect(chat(['C:地址错了', 'A:请您等下哦 我们核对下', 'C:好', 'A:已经改好了 请问还有可以为您服务的吗?']));
    expect(check(r, 'HD-WHY').ok).toBe(true);
    expect(check(r, 'PH-CLOSE-ASK').ok).toBe(true);
    expect(check(inspect(chat(['C:鱼肠没收到', 'A:我现在看下前面您咨询的问题', 'C:好', 'A:这个已经补发了'])), 'HD-WHY').ok).toBe(true);
  });

  it('the same checks in Traditional characters', () => {
    const lines = [
      'A:亲亲，是咨询之前的问题还是咨询其他的问题呢',
      'C:这个支付账单为何不多保存一点啊',
      'A:您好 我给您查看下之前的记录',
      'C:好',
      'A:亲爱的，稍等下哦 价保 -[金额x] 申请成功 一般在线支付系统是原路退回的哈',
      'C:好的谢谢',
      'A:不客气的哦 希望下次有机会再为您服务',
    ];
    const simplified = inspect(chat(lines));
    const traditional = inspect(chat(lines.map((l) => toTraditional(l))));
    const summary = (r: QualityResult) => r.checks.map((c) => [c.rule, c.ok, c.evidence.map((e) => [e.utterance, e.from, e.to])]);
    expect(summary(traditional)).toEqual(summary(simplified));
    expect(['PH-OPEN.offer', 'CP-APOLOGY', 'HD-WHY', 'PH-CLOSE'].map((r) => check(simplified, r).ok !== null)).toEqual([true, true, true, true]);
  });
});

describe('complaint by the guideline\'s kinds, not by the dev chats\' words', () => {
  const applies = (text: string) => check(inspect(chat([`C:${text}`, 'A:非常抱歉'])), 'CP-APOLOGY').ok !== null;

  it('the outcome against what was promised or chosen, a problem that persists, repeated contact', () => {
    expect(applies('买的时候显示明天送的')).toBe(true);
    expect(applies('下单的时候可是说第二天就派送的')).toBe(true);
    expect(applies('我特意选了纸质发票，结果还是给我电子发票')).toBe(true);
    expect(applies('两天了还是没收到')).toBe(true);
    expect(applies('已经说了三次了')).toBe(true);
    expect(applies('这个要审核到啥时候')).toBe(true);
    expect(applies('申请价格保护失败')).toBe(true);
    // A choice question (A or not) and the customer's own attempts are not.
    expect(applies('有电池还是没有')).toBe(false);
    expect(applies('没发货还是没有更新物流')).toBe(false);
    expect(applies('牛排煎了好几次')).toBe(false);
  });

  it('distress, blame, demands, threats and sarcasm', () => {
    expect(applies('搞得我头大')).toBe(true);
    expect(applies('这是你们的问题')).toBe(true);
    expect(applies('要求赔偿')).toBe(true);
    expect(applies('再不发货我就投诉')).toBe(true);
    expect(applies('以后再也不买了')).toBe(true);
    expect(applies('呵呵，真行')).toBe(true);
    // A question about the policy is not a demand; 客服了 is not 服了.
    expect(applies('万一是假的京东会补偿吗')).toBe(false);
    expect(applies('是到人工客服了么')).toBe(false);
  });

  it('a failure supposed or asked about in an inquiry is not a report; a threat stays one', () => {
    expect(applies('如果一直不送货会怎么样呢')).toBe(false);
    expect(applies('我出差，怕送货联系不上')).toBe(false);
    expect(applies('我想知道这个怎么回事')).toBe(false);
    expect(applies('请问这个订单怎么还没有出库')).toBe(false);
    expect(applies('这个订单怎么还没有出库')).toBe(true);
    expect(applies('如果明天还不到我就给差评')).toBe(true);
    // Only within the clause: a new clause reports the failure.
    expect(applies('请问一下，东西到现在还没收到')).toBe(true);
  });

  it('an earlier request or a previous agent not carried out is a reported failure', () => {
    expect(applies('上次修改的发票 有一单没改过来')).toBe(true);
    expect(applies('但客服只给我退了一罐')).toBe(true);
  });

  it('acknowledging the feeling in other words is the apology; 可以理解为 is an explanation', () => {
    const ok = (agent: string) => check(inspect(chat(['C:快递太慢了', `A:${agent}`, 'C:嗯', 'A:已为您催促'])), 'CP-APOLOGY').ok;
    expect(ok('换做是我也会着急的')).toBe(true);
    expect(ok('这个可以理解为运输中')).toBe(false);
  });

  it('an action for the customer, whatever its verb, is a solution that must follow the apology', () => {
    const r = inspect(chat(['C:收到的硬盘是摔坏的', 'A:我给您提交售后服务单呢', 'C:好', 'A:别着急']));
    expect(check(r, 'CP-APOLOGY').ok).toBe(false);
  });

  it('the same in Traditional characters', () => {
    for (const [text, want] of [['結果還是給我電子發票', true], ['如果一直不送貨會怎麼樣呢', false], ['再不發貨我就投訴', true]] as const) {
      expect(applies(toTraditional(text))).toBe(want);
    }
  });
});
