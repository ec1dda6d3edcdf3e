/**
 * The standard's scripts (STANDARD.md PH-OPEN, HD-ASK/HD-LIMIT/HD-KEEP, TR-WHY/TR-ASK/TR-INFO,
 * PH-CLOSE-ASK/PH-CLOSE), with the centre's and people's names filled in. The pack's `variables`
 * (company, centre, agentNames) fill them when the signed-in role may read the pack.
 */
export const scriptSteps = ['opening', 'hold', 'holdReturn', 'transfer', 'closing'] as const;
export type ScriptStep = (typeof scriptSteps)[number];

export interface ScriptNames {
  centre: string;
  agentName: string;
  /** How to address the caller: 王先生, 李女士; empty when unknown. */
  customerTitle: string;
}

type ScriptLanguage = 'zh-CN' | 'zh-TW' | 'en';

const templates: Record<ScriptLanguage, Record<ScriptStep, string>> = {
  'zh-CN': {
    opening: '您好，这里是{centre}，我是客服专员{agentName}，请问{customer}有什么可以帮您？',
    hold: '{customer}，我需要为您查询一下相关信息，请您稍等1分钟好吗？',
    holdReturn: '{customer}，让您久等了，感谢您的耐心等待。',
    transfer: '{customer}，这个问题由专门的同事负责，他们更了解情况，我为您转接过去，您看可以吗？',
    closing: '请问{customer}还有其他需要协助的吗？感谢您的来电，祝您生活愉快，再见！',
  },
  'zh-TW': {
    opening: '您好，這裡是{centre}，我是客服專員{agentName}，請問{customer}有什麼可以幫您？',
    hold: '{customer}，我需要為您查詢一下相關資訊，請您稍等1分鐘好嗎？',
    holdReturn: '{customer}，讓您久等了，感謝您的耐心等待。',
    transfer: '{customer}，這個問題由專門的同事負責，他們更了解情況，我為您轉接過去，您看可以嗎？',
    closing: '請問{customer}還有其他需要協助的嗎？感謝您的來電，祝您生活愉快，再見！',
  },
  en: {
    opening: 'Hello, this is {centre}, {agentName} speaking. How may I help you{customer}?',
    hold: '{customer}I need to look this up for you. Could you hold for 1 minute, please?',
    holdReturn: '{customer}thank you for waiting, and sorry to keep you.',
    transfer: '{customer}a colleague who handles this will help you best. May I transfer you?',
    closing: 'Is there anything else I can help you with{customer}? Thank you for calling, and have a good day. Goodbye!',
  },
};

export function fillScript(step: ScriptStep, names: ScriptNames, language: ScriptLanguage): string {
  const customer = names.customerTitle.trim();
  const atEnd = step === 'opening' || step === 'closing';
  const customerText = !customer ? '' : language !== 'en' ? customer : atEnd ? `, ${customer}` : `${customer}, `;
  let text = templates[language][step].replace('{centre}', names.centre).replace('{agentName}', names.agentName).replace('{customer}', customerText);
  // Without a name the Chinese lines drop the vocative and its comma: “{customer}，我需要…” → “我需要…”.
  if (!customer && language !== 'en') text = text.replace(/^，/, '');
  if (language === 'en') text = text.replace(/^([a-z])/, (c) => c.toUpperCase());
  return text;
}
