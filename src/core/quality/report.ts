import type { Transcript } from '../interactions/transcript.js';
import type { Check, Lang, QualityResult } from './types.js';

const LABELS = {
  zh: { title: '质检报告', standard: '标准', score: '得分', fatal: '（致命项，得分为 0）', failed: '未通过', passed: '通过', na: '不适用', at: '位置', say: '建议话术', utt: '第', uttSuffix: '句', none: '无' },
  en: { title: 'Quality report', standard: 'standard', score: 'score', fatal: ' (fatal item: score 0)', failed: 'Failed', passed: 'Passed', na: 'Not applicable', at: 'at', say: 'Say instead', utt: 'utterance ', uttSuffix: '', none: 'none' },
} as const;

function speakerLabel(speaker: string | undefined, lang: Lang): string {
  if (lang === 'en') return speaker ?? '?';
  return ({ agent: '坐席', customer: '客户', system: '系统', bot: '机器人' } as Record<string, string>)[speaker ?? ''] ?? '?';
}

function seconds(ms: number | null): string {
  return ms === null ? '' : ` @${(ms / 1000).toFixed(1)}s`;
}

/** A readable report: failed checks first, each with its quote and the suggested wording. */
export function renderReport(result: QualityResult, transcript: Transcript, lang: Lang = 'zh'): string {
  const L = LABELS[lang];
  const lines: string[] = [];
  lines.push(`${L.title} ${result.id ?? ''}  ${L.standard} ${result.standard}  ${L.score} ${result.score}${result.fatal ? L.fatal : ''}`);
  const failed = result.checks.filter((c) => c.ok === false);
  const passed = result.checks.filter((c) => c.ok === true);
  const na = result.checks.filter((c) => c.ok === null);
  const line = (c: Check, mark: string): void => {
    const points = c.ok === false && c.points > 0 ? ` -${c.points}` : '';
    lines.push(`  ${mark} ${c.rule} [${c.severity}${points}] ${c.message}`);
    if (c.ok === false) {
      for (const e of c.evidence) {
        const u = transcript.utterances[e.utterance];
        const where = `${L.utt}${e.utterance + 1}${L.uttSuffix} ${speakerLabel(u?.speaker, lang)}${seconds(e.at)}`;
        lines.push(e.missing ? `      ${L.at} ${where}: —` : `      ${L.at} ${where}: 「${e.quote}」`);
      }
      if (c.suggestion) lines.push(`      ${L.say}: ${c.suggestion}`);
    }
  };
  lines.push(`${L.failed} (${failed.length})`);
  if (failed.length === 0) lines.push(`  ${L.none}`);
  for (const c of failed) line(c, '✗');
  lines.push(`${L.passed} (${passed.length})`);
  for (const c of passed) line(c, '✓');
  lines.push(`${L.na} (${na.length})`);
  for (const c of na) lines.push(`  – ${c.rule} ${c.reason ?? c.message}`);
  return lines.join('\n') + '\n';
}
