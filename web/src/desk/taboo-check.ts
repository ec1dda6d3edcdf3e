import type { QualityResult } from '../quality/quality-types';
import type { TabooEntry } from './scripts';

/**
 * Checking a reply before it is sent: the draft goes to `POST /api/qa/inspect` as a one-utterance
 * chat transcript, and only the taboo findings (PH-TABOO) come back to the agent, each with the
 * standard's replacement wording. The other checks (opening, closing…) judge a whole
 * conversation and would be noise on one message.
 */
export function draftTranscript(text: string): { id: string; channel: 'chat'; utterances: { speaker: 'agent'; text: string }[] } {
  return { id: 'draft', channel: 'chat', utterances: [{ speaker: 'agent', text }] };
}

export interface TabooFlag {
  quote: string;
  from: number;
  to: number;
  message: string;
  suggestion: string | null;
}

/**
 * The replacement for one quote: the inspection names one suggestion for the whole check (its
 * first hit's), so with the pack's taboo list each quote gets its own phrase set's wording.
 */
function replacementFor(quote: string, taboo: readonly TabooEntry[]): string | null {
  const q = quote.replace(/\s+/g, '').toLowerCase();
  const exact = taboo.find((e) => e.phrases.some((p) => p.toLowerCase() === q));
  const within = exact ?? taboo.find((e) => e.phrases.some((p) => p !== '' && q.includes(p.toLowerCase())));
  return within?.replacement ?? null;
}

export function tabooFlags(result: QualityResult, taboo: readonly TabooEntry[] = []): TabooFlag[] {
  const flags: TabooFlag[] = [];
  for (const check of result.checks) {
    if (check.ok !== false || !check.rule.startsWith('PH-TABOO')) continue;
    for (const ev of check.evidence) {
      if (ev.missing) continue;
      flags.push({ quote: ev.quote, from: ev.from, to: ev.to, message: check.message, suggestion: replacementFor(ev.quote, taboo) ?? check.suggestion ?? null });
    }
  }
  return flags.sort((a, b) => a.from - b.from);
}
