// The transcripts bench:qa measures (also checked by scripts/qa-golden.ts): 30 utterances of a
// phone call, agent and customer in turn, with one hold; deterministic, one JSON line each.

const AGENT = ['您好，这里是XX客服中心，我是客服专员小周，请问有什么可以帮您？', '非常抱歉给您带来不便，我帮您查询一下，请您稍等1分钟好吗？', '让您久等了，您的订单已经发货，预计明天送达。', '您是说订单号2026030212345，对吗？', '请问还有其他需要协助的吗？', '感谢您的来电，祝您生活愉快，再见！', '这个问题我需要核实后回复您，预计24小时内给您回电可以吗？'];
const CUSTOMER = ['我的订单一直没收到，怎么回事？', '订单号是2026030212345。', '好的，那什么时候能到？', '对，就是这个。', '没有了，谢谢。', '我上个月的账单好像多扣了三十元。'];

export function generate(n: number): string[] {
  const lines: string[] = [];
  for (let k = 0; k < n; k++) {
    const utterances = [];
    let t = 6000;
    for (let i = 0; i < 30; i++) {
      const agent = i % 2 === 0;
      const pool = agent ? AGENT : CUSTOMER;
      const text = pool[(i * 7 + k) % pool.length]! + pool[(i * 3 + k + 1) % pool.length]!;
      const dur = text.length * 280;
      utterances.push({ speaker: agent ? 'agent' : 'customer', text, start: t, end: t + dur });
      t += dur + 700;
    }
    const events = [{ type: 'ring', at: 0 }, { type: 'answer', at: 5000 }, { type: 'hold', at: 60000 }, { type: 'unhold', at: 90000 }, { type: 'hangup', at: t + 1000, by: 'customer' }];
    lines.push(JSON.stringify({ id: `bench-${k}`, channel: 'phone', events, utterances }));
  }
  return lines;
}
