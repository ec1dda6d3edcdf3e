import { describe, expect, it } from 'vitest';
import { inReaderScript, loadTraditionalConverter } from './reader-script';

describe("the server's Chinese in the reader's script", () => {
  it('shows the pack\'s opening script and a check message in Traditional for zh-TW', async () => {
    const toTw = await loadTraditionalConverter();
    expect(inReaderScript('zh-TW', '您好，这里是客服中心，我是客服专员安娜，请问有什么可以帮您？', toTw)).toBe('您好，這裡是客服中心，我是客服專員安娜，請問有什麼可以幫您？');
    expect(inReaderScript('zh-TW', '致歉与处理时限：缺少：致歉、处理时限', toTw)).toBe('致歉與處理時限：缺少：致歉、處理時限');
  });

  it('leaves the text as the standard wrote it for zh-CN and en, and before the converter has loaded', async () => {
    const toTw = await loadTraditionalConverter();
    const text = '请问还有其他可以帮您的吗？';
    expect(inReaderScript('zh-CN', text, toTw)).toBe(text);
    expect(inReaderScript('en', text, toTw)).toBe(text);
    expect(inReaderScript('zh-TW', text, undefined)).toBe(text);
  });

  it('keeps numbers, placeholders and Latin text as they are', async () => {
    const toTw = await loadTraditionalConverter();
    // The desk converts the template before filling in names, so a person's name stays as it is stored.
    expect(inReaderScript('zh-TW', 'PH-OPEN {centre}为您服务 13812345678 · 标准 v3', toTw)).toBe('PH-OPEN {centre}為您服務 13812345678 · 標準 v3');
  });
});
