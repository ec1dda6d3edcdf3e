import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { FieldError } from '../shared/app-error.js';
import { isAppError } from '../shared/app-error.js';
import { parseDuration } from '../calendar/duration.js';
import { fieldErrorsOfIssues } from '../shared/field-error-of-issue.js';
import { packSchema, ruleKinds, type MatchItem, type PhraseSet, type StandardPack } from './schema.js';

export type PackValidation = { ok: true; pack: StandardPack } | { ok: false; errors: FieldError[] };

/**
 * Validates a standard pack (already parsed from YAML/JSON). Errors name the path and the
 * problem: `rules.4.kind: unknown rule kind "phrases"`, `phraseSets.greeting.regex.0: invalid
 * regular expression …`, `rules.9.band: min 230 is greater than max 220`; each also carries a
 * code and params (`one_of`, `invalid_regex`, `min_above_max` …) so the editor words it in the
 * author's language.
 */
export function validatePack(input: unknown): PackValidation {
  const kindErrors = unknownKinds(input);
  if (kindErrors.length > 0) return { ok: false, errors: kindErrors };
  const parsed = packSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOfIssues(parsed.error.issues) };
  const errors = semanticErrors(parsed.data);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, pack: parsed.data };
}

/** Parses YAML or JSON text (YAML is a superset) and validates it. */
export function parsePackText(text: string): PackValidation {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    const message = e instanceof YAMLParseError ? e.message : e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [{ path: '(root)', message: `not valid YAML/JSON: ${message}`, code: 'invalid_yaml' }] };
  }
  return validatePack(doc);
}

// zod's message for a wrong discriminator lists no value; a pack author needs the bad kind and
// the allowed ones.
function unknownKinds(input: unknown): FieldError[] {
  if (typeof input !== 'object' || input === null) return [];
  const rules = (input as { rules?: unknown }).rules;
  if (!Array.isArray(rules)) return [];
  const errors: FieldError[] = [];
  rules.forEach((rule: unknown, i) => {
    if (typeof rule !== 'object' || rule === null) return;
    const kind = (rule as { kind?: unknown }).kind;
    if (typeof kind === 'string' && !(ruleKinds as readonly string[]).includes(kind)) {
      errors.push({ path: `rules.${i}.kind`, message: `unknown rule kind "${kind}" (expected one of: ${ruleKinds.join(', ')})`, code: 'one_of', params: { values: ruleKinds.join(', ') } });
    }
  });
  return errors;
}

function unknownPhraseSet(path: string, name: string): FieldError {
  return { path, message: `unknown phrase set "${name}"`, code: 'unknown_phrase_set', params: { name } };
}

function semanticErrors(pack: StandardPack): FieldError[] {
  const errors: FieldError[] = [];
  const checkSet = (set: PhraseSet, path: string): void => {
    if (set.phrases.length === 0 && set.regex.length === 0) errors.push({ path, message: 'phrase set has neither phrases nor regex', code: 'empty_phrase_set' });
    set.regex.forEach((source, i) => {
      try {
        new RegExp(source, 'gu');
      } catch (e) {
        errors.push({ path: `${path}.regex.${i}`, message: `invalid regular expression: ${e instanceof Error ? e.message : String(e)}`, code: 'invalid_regex' });
      }
    });
    set.unlessNear.forEach((other, i) => {
      if (!(other in pack.phraseSets)) errors.push(unknownPhraseSet(`${path}.unlessNear.${i}`, other));
    });
    const texts = [...set.phrases.map((p) => (typeof p === 'string' ? p : p.text)), ...set.exclude];
    for (const [i, text] of texts.entries()) {
      for (const variable of text.matchAll(/\{([a-zA-Z][a-zA-Z0-9_]*)\}/g)) {
        if (!(variable[1]! in pack.variables)) {
          errors.push({ path: `${path}.phrases.${i}`, message: `unknown variable {${variable[1]}} (define it under variables)`, code: 'unknown_variable', params: { name: variable[1]! } });
        }
      }
    }
  };
  for (const [setName, set] of Object.entries(pack.phraseSets)) checkSet(set, `phraseSets.${setName}`);

  const checkItems = (items: readonly MatchItem[] | undefined, path: string): void => {
    items?.forEach((item, i) => {
      if (typeof item === 'string') {
        if (!(item in pack.phraseSets)) errors.push(unknownPhraseSet(`${path}.${i}`, item));
      } else {
        checkSet(item, `${path}.${i}`);
      }
    });
  };
  checkItems(pack.detect.auto, 'detect.auto');
  checkItems(pack.detect.holds.request, 'detect.holds.request');
  checkItems(pack.detect.transfers.request, 'detect.transfers.request');
  checkItems(pack.detect.opening.filler, 'detect.opening.filler');

  const seen = new Map<string, number>();
  pack.rules.forEach((rule, i) => {
    const path = `rules.${i}`;
    const previous = seen.get(rule.id);
    if (previous !== undefined) errors.push({ path: `${path}.id`, message: `duplicate rule id "${rule.id}" (also rules.${previous})`, code: 'duplicate' });
    seen.set(rule.id, i);
    if (rule.when) checkItems(rule.when.match, `${path}.when.match`);
    if (rule.unless) checkItems(rule.unless.match, `${path}.unless.match`);
    if (rule.scope?.after === 'when' && !rule.when) errors.push({ path: `${path}.scope.after`, message: 'scope.after "when" needs a when condition', code: 'requires_when' });
    switch (rule.kind) {
      case 'phrase':
        checkItems(rule.match, `${path}.match`);
        checkItems(rule.forbid, `${path}.forbid`);
        for (const [channel, items] of Object.entries(rule.openers ?? {})) checkItems(items, `${path}.openers.${channel}`);
        break;
      case 'timing':
        checkItems(rule.excusedBy, `${path}.excusedBy`);
        if (rule.minMs !== undefined && rule.minMs > rule.maxMs) {
          errors.push({ path: `${path}.minMs`, message: `minMs ${rule.minMs} is greater than maxMs ${rule.maxMs}`, code: 'min_above_max', params: { min: rule.minMs, max: rule.maxMs } });
        }
        break;
      case 'speech-rate':
        if (rule.band.min > rule.band.max) {
          errors.push({ path: `${path}.band`, message: `min ${rule.band.min} is greater than max ${rule.band.max}`, code: 'min_above_max', params: { min: rule.band.min, max: rule.band.max } });
        }
        if (rule.relaxLowerWhen) checkItems(rule.relaxLowerWhen.match, `${path}.relaxLowerWhen.match`);
        break;
      case 'interruption':
        checkItems(rule.backchannel, `${path}.backchannel`);
        break;
      case 'hold':
      case 'transfer':
        checkItems(rule.match, `${path}.match`);
        break;
      case 'order':
        checkItems(rule.first, `${path}.first`);
        checkItems(rule.before, `${path}.before`);
        break;
      case 'key-facts':
        checkItems(rule.facts, `${path}.facts`);
        checkItems(rule.confirm, `${path}.confirm`);
        checkItems(rule.readBack, `${path}.readBack`);
        break;
      case 'hangup':
        checkItems(rule.closing, `${path}.closing`);
        break;
      case 'dead-air':
        break;
      default: {
        const never: never = rule;
        throw new Error(`unhandled rule kind ${String(never)}`);
      }
    }
  });

  for (const [key, text] of Object.entries(pack.durations)) {
    try {
      parseDuration(text, `durations.${key}`);
    } catch (e) {
      if (!isAppError(e)) throw e;
      errors.push(...(e.fields ?? [{ path: `durations.${key}`, message: e.message, code: 'invalid_duration' as const }]));
    }
  }
  return errors;
}
