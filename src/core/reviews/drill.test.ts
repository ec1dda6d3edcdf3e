import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePack } from '../quality/compile.js';
import { parsePackText } from '../standard/validate.js';
import { findScenario } from './drill-scenarios.js';
import { finishDrill, replyInDrill, startDrill } from './drill.js';

const parsed = parsePackText(readFileSync(new URL('../standard/default-pack.yaml', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error('default pack');
const compiled = compilePack(parsed.pack);
const scenario = findScenario('warehouse-clerk')!;

describe('QA-TRAIN drill: the defensive warehouse clerk (S3)', () => {
  it('judges each reply as it is sent with the quality engine, and the customer hangs up on the seed’s taboo answer', () => {
    let run = startDrill(scenario, { id: 'd1', trainee: 'zhou', now: 0 });
    run = replyInDrill(scenario, run, '這裡是紙製品倉庫，我是小周，我能幫您做些什麼嗎？', compiled, 1);
    const first = run.judgements[0]!;
    expect(first.findings.find((f) => f.rule === 'PH-OPEN.greeting')).toMatchObject({ ok: false });
    expect(first.findings.find((f) => f.rule === 'PH-OPEN.identity')).toMatchObject({ ok: true, quote: '我是小周' });
    expect(run.lines.at(-1)!.text).toContain('27卷纸');
    run = replyInDrill(scenario, run, '是嗎？哦，好，我不知道什麼地方出了問題，那份訂單並不是由我負責的。', compiled, 2);
    const second = run.judgements[1]!;
    expect(second.findings.find((f) => f.rule === 'PH-TABOO')).toMatchObject({ ok: false, severity: 'fatal' });
    expect(second.findings.find((f) => f.rule === 'CP-APOLOGY')).toMatchObject({ ok: false });
    expect(second.fatal).toBe(true);
    expect(run.ended).toBe(true);
    expect(run.lines.at(-1)!.text).toBe('算了吧。我到别处买去。');
    const done = finishDrill(scenario, run, compiled, 3);
    expect(done.result).toMatchObject({ fatal: true, score: 0 });
  });

  it('a model answer passes the opening and the apology, and the customer goes on', () => {
    let run = startDrill(scenario, { id: 'd2', trainee: 'zhou', now: 0 });
    run = replyInDrill(scenario, run, '您好，纸制品仓库，我是小周，请问有什么可以帮您？', compiled, 1);
    expect(run.judgements[0]!.findings.filter((f) => !f.ok)).toEqual([]);
    run = replyInDrill(scenario, run, '非常抱歉耽误您的工作了，我理解您很着急。请问您的订单号是多少？', compiled, 2);
    expect(run.judgements[1]!.findings.filter((f) => !f.ok).map((f) => f.rule)).not.toContain('CP-APOLOGY');
    expect(run.judgements[1]!.fatal).toBe(false);
    expect(run.ended).toBe(false);
  });
});
