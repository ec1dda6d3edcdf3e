import { describe, expect, it } from 'vitest';
import { loadDefaultPack } from '../../adapters/standard-files.js';
import { parseTranscript, type Channel } from '../interactions/transcript.js';
import { compilePack, inspectTranscript } from '../quality/index.js';

// The scripts the manuals give word for word (SCRIPTS.md, with the seed in brackets), each said in
// its place in a short call, in the Traditional the manuals are written in: the default pack's phrase
// lists must accept the standard's own words for the rule each script illustrates.

const pack = compilePack(loadDefaultPack());
const opening = '您好,這裡是XX客服中心,我是客服專員小周,請問有什麼可以幫您?';
const ask = '我想咨詢一下賬單。';

type Line = string | { customer: string };

function judge(rule: string, lines: Line[], channel: Channel = 'phone') {
  let t = 5400;
  const utterances = lines.map((l) => {
    const text = typeof l === 'string' ? l : l.customer;
    const start = t;
    t += Math.round((text.length * 60000) / 210);
    const u = { speaker: typeof l === 'string' ? ('agent' as const) : ('customer' as const), text, start, end: t };
    t += 600;
    return u;
  });
  const parsed = parseTranscript({ id: rule, channel, events: [{ type: 'ring', at: 0 }, { type: 'answer', at: 5000 }, { type: 'hangup', at: t + 1000, by: 'customer' }], utterances });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const check = inspectTranscript(parsed.transcript, pack).checks.find((c) => c.rule === rule);
  if (!check) throw new Error(`no check ${rule}`);
  return check;
}

const cases: Array<[string, string, Line[], Channel?]> = [
  ['opening [003]', 'PH-OPEN.offer', ['您好,這裡是XX客服中心,我是客服專員小周,請問您有什麼業務需要咨詢或協助嗎?', { customer: ask }]],
  ['opening, card centre [003]', 'PH-OPEN.offer', ['您好,XX銀行信用卡中心為您服務,請問您是咨詢賬單相關問題嗎?', { customer: ask }]],
  ['opening [001]', 'PH-OPEN.offer', ['××網絡公司客戶服務部,我是××,我能幫您做點什麼?', { customer: ask }]],
  ['asking to repeat [000]', 'PH-REPEAT', [opening, { customer: ask }, '對不起,我沒有聽清楚,請您再說一遍,好嗎?']],
  ['asking to repeat [003]', 'PH-REPEAT', [opening, { customer: ask }, '麻煩您再詳細說明一下問題發生的場景,我方便記錄後幫您分析?']],
  ['confirming [003]', 'PH-CONFIRM', [opening, { customer: '我2023年10月5日買的XX產品開不了機。' }, '您是說2023年10月5日購買的XX產品,使用時出現無法開機的情況,對嗎?']],
  ['hold [001]', 'HD-WHY', [opening, { customer: ask }, '王先生,就您所提的這個問題,我要查詢相關具體的資料,請您稍等1分鐘好嗎?', { customer: '好的' }, '不好意思讓您久等了,查到了。']],
  ['hold [003]', 'HD-LIMIT', [opening, { customer: ask }, '您的問題比較專業,我需要稍作查詢,麻煩您稍等1分鐘可以嗎?', { customer: '好的' }, '不好意思讓您久等了,查到了。']],
  ['complaint [003]', 'CP-APOLOGY', [opening, { customer: '你們怎麼回事!扣錢扣錯了,太過分了!' }, '非常抱歉給您帶來了不好的體驗,您先消消氣,我會全力幫您解決這個問題。', '我會將您的情況反饋給上級專員,2個工作日內由專人與您溝通解決方案']],
  ['complaint plan [003]', 'CP-PLAN', [opening, { customer: '你們怎麼回事!扣錢扣錯了,太過分了!' }, '非常抱歉給您帶來了不好的體驗,您先消消氣,我會全力幫您解決這個問題。', '我會將您的情況反饋給上級專員,2個工作日內由專人與您溝通解決方案']],
  ['abuse [003]', 'CP-ABUSE', [opening, { customer: '你們這群騙子,混蛋!' }, '我非常理解您的憤怒,我們的目標是幫您解決問題,您可以詳細說明情況嗎?']],
  ['anything else [001]', 'PH-CLOSE-ASK', [opening, { customer: ask }, '王先生,請問您還有其他的問題嗎?', { customer: '沒有了' }, '王先生,謝謝您的來電,歡迎您隨時來電']],
  ['closing [003]', 'PH-CLOSE', [opening, { customer: ask }, '請問還有其他需要協助的嗎?', { customer: '沒有了' }, '感謝您的來電,祝您一切順利,再見!']],
  ['solved? [003]', 'PH-RESOLVED', [opening, { customer: ask }, '請問您的賬單問題已經得到妥善處理了嗎?還有其他疑問嗎?', { customer: '沒有了' }, '祝您生活愉快,再見!']],
  ['later answer [001]', 'FU-NEXT', [opening, { customer: ask }, '王先生,不好意思麻煩您耐心等待一下,三個工作日後我們會給您答覆的', { customer: '好吧' }, '王先生,謝謝您的來電。']],
  ['callback opening [001]', 'CB-OPEN', ['汪先生,您好,我是小周,XX客服中心的專員,此次我想和你談談分配方案的事宜,時間大約需要一刻鐘,您現在方便嗎?', { customer: '方便' }], 'callback'],
];

describe("the manuals' own words pass the rules they illustrate", () => {
  it.each(cases)('%s → %s', (_name, rule, lines, channel) => {
    const check = judge(rule, lines, channel);
    expect(check.ok, check.message).toBe(true);
  });

  it('and what the manuals say not to say fails: 什麼事? as an opening, 可以佔用你幾分鐘 on a long callback', () => {
    expect(judge('PH-OPEN.greeting', ['什麼事?', { customer: ask }]).ok).toBe(false);
    const long: Line[] = ['汪先生,您好,我是小周,XX客服中心的專員,可以佔用你幾分鐘的時間嗎?', { customer: '可以' }];
    for (let i = 0; i < 40; i++) long.push(i % 2 === 0 ? { customer: '分配方案裡面我們部門的比例是怎麼定的?' } : '這個比例是按照去年的業績來定的,我給您詳細說一下。');
    expect(judge('CB-LONG', long, 'callback').ok).toBe(false);
  });
});
