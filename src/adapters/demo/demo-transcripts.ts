import type { TranscriptInput } from '../../core/interactions/transcript.js';

/**
 * Demo calls written in the manuals' spirit: mostly good calls, and the classic failures a quality
 * inspector looks for (a taboo phrase, no closing, a hold without reason or consent, a complaint
 * answered before an apology, the agent hanging up first). Deterministic: the same seed gives the
 * same week of calls.
 */
export const demoScenarios = ['ideal', 'ideal', 'ideal', 'complaint-good', 'taboo', 'no-closing', 'unexplained-hold', 'complaint-no-apology', 'agent-hangup', 'chat-good', 'chat-hold'] as const;
export type DemoScenario = (typeof demoScenarios)[number];

interface Line {
  s: 'agent' | 'customer';
  t: string;
  /** Hold (ms) placed before this line. */
  holdBefore?: number;
}

export interface DemoCall {
  scenario: DemoScenario;
  transcript: TranscriptInput;
  /** Ring time before answer, ms. */
  ringMs: number;
  talkMs: number;
  endedBy: 'agent' | 'customer';
}

/** The demo centre's names (the pack's `company` and `centre` variables, set by seed-demo.ts): the desk's scripts and the calls say the same. */
export const DEMO_COMPANY = '惠民通信';
export const DEMO_CENTRE = '惠民客服中心';

const opening = (agent: string) => `您好，这里是${DEMO_CENTRE}，我是客服专员${agent}，请问有什么可以帮您？`;
const closingAsk = '请问还有其他需要协助的吗？';
const closing = '感谢您的来电，祝您生活愉快，再见！';

function linesFor(scenario: DemoScenario, agent: string, surname: string, phone: string, amount: number): Line[] {
  const mr = `${surname}先生`;
  switch (scenario) {
    case 'ideal':
      return [
        { s: 'agent', t: opening(agent) },
        { s: 'customer', t: '你好，我想问一下我的套餐还剩多少流量。' },
        { s: 'agent', t: '好的，请问您贵姓？' },
        { s: 'customer', t: `我姓${surname}。` },
        { s: 'agent', t: `${mr}您好，请您提供一下您的手机号码，我帮您查询。` },
        { s: 'customer', t: `${phone}。` },
        { s: 'agent', t: `您是说手机号码${phone}，对吗？` },
        { s: 'customer', t: '对。' },
        { s: 'agent', t: `${mr}，我需要查询一下您的套餐使用情况，请您稍等1分钟好吗？` },
        { s: 'customer', t: '好的。' },
        { s: 'agent', t: `${mr}，不好意思让您久等了。您本月的通用流量还剩3.2G，月底前都可以使用。`, holdBefore: 35_000 },
        { s: 'customer', t: '好的，谢谢。' },
        { s: 'agent', t: closingAsk },
        { s: 'customer', t: '没有了。' },
        { s: 'agent', t: closing },
      ];
    case 'complaint-good':
      return [
        { s: 'agent', t: opening(agent) },
        { s: 'customer', t: `你们这个月多扣了我${amount}块钱，怎么回事？` },
        { s: 'agent', t: '非常抱歉给您带来了不好的体验，您先消消气，我会全力帮您解决这个问题。请问您贵姓？' },
        { s: 'customer', t: `我姓${surname}。` },
        { s: 'agent', t: `${mr}，请您提供一下您的手机号码，我帮您核实。` },
        { s: 'customer', t: `${phone}。` },
        { s: 'agent', t: `您是说手机号码${phone}，对吗？` },
        { s: 'customer', t: '对的。' },
        { s: 'agent', t: `${mr}，我要查询一下您的账单明细，请您稍等2分钟好吗？` },
        { s: 'customer', t: '可以。' },
        { s: 'agent', t: `${mr}，让您久等了。是增值业务重复扣费，我已经为您申请退还${amount}元，预计3个工作日内退回到您的账户。`, holdBefore: 70_000 },
        { s: 'customer', t: '好吧，谢谢。' },
        { s: 'agent', t: closingAsk },
        { s: 'customer', t: '没有了。' },
        { s: 'agent', t: closing },
      ];
    case 'taboo':
      return [
        { s: 'agent', t: opening(agent) },
        { s: 'customer', t: '我家宽带从昨天开始就上不了网了，你们怎么回事？' },
        { s: 'agent', t: '我不知道是什么原因，这不是我的问题。' },
        { s: 'customer', t: '那你帮我查一下啊！' },
        { s: 'agent', t: '您可以自己重启一下光猫试试。' },
        { s: 'customer', t: '试过了，没用。' },
        { s: 'agent', t: '那我给您报修吧，会有师傅联系您。' },
        { s: 'customer', t: '好吧。' },
        { s: 'agent', t: closing },
      ];
    case 'no-closing':
      return [
        { s: 'agent', t: opening(agent) },
        { s: 'customer', t: '我想改一下账单寄送地址。' },
        { s: 'agent', t: '好的，请问新地址是哪里？' },
        { s: 'customer', t: '杭州市西湖区文三路100号。' },
        { s: 'agent', t: '好的，已经帮您改好了。' },
        { s: 'customer', t: '行，那就这样。' },
      ];
    case 'unexplained-hold':
      return [
        { s: 'agent', t: opening(agent) },
        { s: 'customer', t: '我上周寄回的手机，维修进度怎么样了？' },
        { s: 'agent', t: '稍等。' },
        { s: 'agent', t: '查到了，手机已经修好，明天寄出。', holdBefore: 95_000 },
        { s: 'customer', t: '好的，谢谢。' },
        { s: 'agent', t: closingAsk },
        { s: 'customer', t: '没有了。' },
        { s: 'agent', t: closing },
      ];
    case 'complaint-no-apology':
      return [
        { s: 'agent', t: opening(agent) },
        { s: 'customer', t: '你们的快递员态度太差了，把我的包裹扔在门口就走了！' },
        { s: 'agent', t: '您提供一下订单号，我给您登记一下。' },
        { s: 'customer', t: '订单号是8826451。' },
        { s: 'agent', t: '好的，已经登记了，两个工作日内会有专人联系您。' },
        { s: 'customer', t: '行吧。' },
        { s: 'agent', t: closingAsk },
        { s: 'customer', t: '没有了。' },
        { s: 'agent', t: closing },
      ];
    case 'agent-hangup':
      return [
        { s: 'agent', t: opening(agent) },
        { s: 'customer', t: '我要投诉，你们的发票一直没有寄给我！' },
        { s: 'agent', t: '非常抱歉，请问您的订单号是多少？' },
        { s: 'customer', t: '我都说了好几遍了，你们到底有没有人管？' },
        { s: 'agent', t: '这事不归我管，您找财务吧。' },
      ];
    case 'chat-good':
      return [
        { s: 'customer', t: '你好，我申请的退款什么时候到账？' },
        { s: 'agent', t: `您好，我是客服${agent}，很高兴为您服务，请问您的订单号是多少？` },
        { s: 'customer', t: '订单号 5529173' },
        { s: 'agent', t: '您是说订单号5529173，对吗？我帮您查询一下，请您稍等1分钟好吗？' },
        { s: 'customer', t: '好' },
        { s: 'agent', t: '感谢您的耐心等待，退款已经审核通过，预计1到3个工作日退回原支付账户。' },
        { s: 'customer', t: '好的谢谢' },
        { s: 'agent', t: closingAsk },
        { s: 'customer', t: '没有了' },
        { s: 'agent', t: '感谢您的咨询，祝您生活愉快，再见！' },
      ];
    case 'chat-hold':
      return [
        { s: 'customer', t: '发票怎么开？' },
        { s: 'agent', t: '您好，请稍等。' },
        { s: 'agent', t: '在订单详情页点击申请开票就可以了。' },
        { s: 'customer', t: '好' },
      ];
  }
}

/** Builds one demo interaction with events and timestamps (about 3.5 characters a second of speech). */
export function demoCall(input: { id: string; scenario: DemoScenario; agent: string; agentName: string; customerId: string; surname: string; phone: string; startedAt: string; seed: number }): DemoCall {
  const { scenario } = input;
  const chat = scenario.startsWith('chat');
  const ringMs = chat ? 0 : 3000 + (input.seed % 5) * 2500 + (input.seed % 7 === 0 ? 9000 : 0);
  const lines = linesFor(scenario, input.agentName, input.surname, input.phone, 20 + (input.seed % 9) * 5);
  const utterances: NonNullable<TranscriptInput['utterances']> = [];
  const events: NonNullable<TranscriptInput['events']> = chat ? [] : [{ type: 'ring', at: 0 }, { type: 'answer', at: ringMs }];
  let t = ringMs + 400;
  for (const line of lines) {
    if (line.holdBefore) {
      if (!chat) events.push({ type: 'hold', at: t }, { type: 'unhold', at: t + line.holdBefore });
      t += line.holdBefore + 300;
    }
    const ms = Math.round((line.t.length / 3.5) * 1000);
    utterances.push({ speaker: line.s, text: line.t, start: t, end: t + ms });
    t += ms + 600;
  }
  const endedBy = scenario === 'agent-hangup' ? 'agent' : 'customer';
  if (!chat) events.push({ type: 'hangup', at: t + 800, by: endedBy });
  return {
    scenario,
    ringMs,
    talkMs: t - ringMs,
    endedBy,
    transcript: {
      id: input.id,
      channel: chat ? 'chat' : 'phone',
      direction: 'inbound',
      agent: input.agent,
      customer: input.customerId,
      startedAt: input.startedAt,
      events,
      utterances,
    },
  };
}
