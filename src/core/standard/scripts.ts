import type { MatchItem, PhraseSet, Rule, StandardPack } from './schema.js';

/**
 * What an agent reads on the desk: the standard's wording for each moment of a call, taken from
 * the pack in force (each rule's `suggestion`) rather than written into the web app, and the
 * taboo list with each phrase set's replacement wording. A centre that edits its pack changes
 * what its agents read.
 */
export const scriptSteps = ['opening', 'hold', 'holdReturn', 'transfer', 'closing'] as const;
export type ScriptStep = (typeof scriptSteps)[number];

/** STANDARD.md requirement families behind each step, in the order they are said. */
const stepRequirements: Record<ScriptStep, readonly string[]> = {
  opening: ['PH-OPEN'],
  hold: ['HD-WHY', 'HD-ASK', 'HD-LIMIT'],
  holdReturn: ['HD-KEEP'],
  transfer: ['TR-WHY', 'TR-ASK', 'TR-INFO'],
  closing: ['PH-CLOSE-ASK', 'PH-CLOSE'],
};

const TABOO_REQUIREMENT = 'PH-TABOO';

export interface ScriptPart {
  requirement: string;
  title: string;
  /** The rule's suggested wording, names as `{centre}`-style placeholders. */
  text: string;
  /** Whether it is part of the step's text: false when the text already says what the rule asks for (its phrases are in it), or for a fragment (……). */
  inText: boolean;
}

export interface ScriptStepText {
  /** What to say, names as placeholders: `{company}`, `{centre}`, `{agentNames}`, … (the pack's variables). */
  text: string;
  parts: ScriptPart[];
}

export interface TabooEntry {
  /** The phrase set's name (`taboo_dont_know`), or `<rule>#<n>` for an inline set. */
  set: string;
  requirement: string;
  description: string | null;
  phrases: string[];
  /** What to say instead: the set's suggestion, else the rule's; null when the pack gives none. */
  replacement: string | null;
}

export interface StandardScripts {
  /** The pack's names (`company`, `centre`, `agentNames`, …), each as a list. */
  variables: Record<string, string[]>;
  steps: Record<ScriptStep, ScriptStepText>;
  taboo: TabooEntry[];
}

const inFamily = (id: string, requirement: string): boolean => id === requirement || id.startsWith(`${requirement}.`);

function variableLists(pack: StandardPack): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(pack.variables)) out[name] = (Array.isArray(value) ? value : [value]).filter((v) => v.trim() !== '');
  return out;
}

/**
 * The pack writes its example names into its wording (您好，这里是XX客服中心，我是客服专员小周);
 * turning them back into placeholders lets the desk fill in the centre's and the agent's own.
 */
function withPlaceholders(text: string, variables: Record<string, string[]>): string {
  const values = Object.entries(variables)
    .flatMap(([name, list]) => list.map((value) => ({ name, value })))
    // One-character values (a surname) would replace parts of ordinary words.
    .filter((v) => [...v.value].length >= 2)
    .sort((a, b) => b.value.length - a.value.length);
  let out = text;
  for (const { name, value } of values) out = out.split(value).join(`{${name}}`);
  return out;
}

function setsOf(items: readonly MatchItem[], pack: StandardPack, owner: string): Array<{ name: string; set: PhraseSet }> {
  return items.flatMap((item, i) => {
    if (typeof item !== 'string') return [{ name: `${owner}#${i}`, set: item }];
    const set = pack.phraseSets[item];
    return set ? [{ name: item, set }] : [];
  });
}

const phraseText = (p: PhraseSet['phrases'][number]): string => (typeof p === 'string' ? p : p.text);

function expand(phrase: string, variables: Record<string, string[]>): string[] {
  const m = /\{([a-zA-Z][a-zA-Z0-9_]*)\}/.exec(phrase);
  if (!m) return [phrase];
  const values = variables[m[1] ?? ''] ?? [];
  return values.flatMap((v) => expand(phrase.replace(m[0], v), variables));
}

/** Whether the text says one of the rule's phrases: a rough check of our own wording, not an inspection. */
function says(text: string, rule: Rule, pack: StandardPack, variables: Record<string, string[]>): boolean {
  if (!('match' in rule)) return false;
  const plain = text.replace(/\s+/g, '').toLowerCase();
  // The pack's regexes are written for half-width punctuation.
  const halfWidth = plain.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  for (const { set } of setsOf(rule.match, pack, rule.id)) {
    if (set.phrases.some((p) => expand(phraseText(p), variables).some((e) => e !== '' && plain.includes(e.toLowerCase())))) return true;
    for (const source of set.regex) {
      try {
        if (new RegExp(source, 'u').test(halfWidth)) return true;
      } catch {
        // A pattern this engine cannot compile simply does not count here.
      }
    }
  }
  return false;
}

function stepText(step: ScriptStep, pack: StandardPack, variables: Record<string, string[]>): ScriptStepText {
  const rules = stepRequirements[step].flatMap((req) => pack.rules.filter((r) => inFamily(r.id, req) && r.suggestion !== undefined && r.suggestion.trim() !== ''));
  const said: string[] = [];
  const parts: ScriptPart[] = [];
  for (const rule of rules) {
    const suggestion = (rule.suggestion ?? '').trim();
    // A wording that trails off (……) is a fragment of another rule's full sentence.
    const fragment = /(……|…|\.\.\.)$/.test(suggestion);
    const inText = !fragment && !says(said.join(''), rule, pack, variables);
    if (inText) said.push(suggestion);
    parts.push({ requirement: rule.id, title: rule.title, text: withPlaceholders(suggestion, variables), inText });
  }
  return { text: withPlaceholders(said.join(''), variables), parts };
}

function tabooList(pack: StandardPack): TabooEntry[] {
  const out: TabooEntry[] = [];
  for (const rule of pack.rules) {
    if (!inFamily(rule.id, TABOO_REQUIREMENT) || rule.kind !== 'phrase') continue;
    for (const { name, set } of setsOf(rule.match, pack, rule.id)) {
      out.push({
        set: name,
        requirement: rule.id,
        description: set.description ?? null,
        phrases: set.phrases.map(phraseText),
        replacement: set.suggestion ?? rule.suggestion ?? null,
      });
    }
  }
  return out;
}

export function standardScripts(pack: StandardPack): StandardScripts {
  const variables = variableLists(pack);
  const steps = Object.fromEntries(scriptSteps.map((step) => [step, stepText(step, pack, variables)])) as Record<ScriptStep, ScriptStepText>;
  return { variables, steps, taboo: tabooList(pack) };
}
