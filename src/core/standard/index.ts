export { packSchema, ruleSchema, ruleKinds, severities } from './schema.js';
export type { StandardPack, StandardPackInput, Rule, RuleKind, Severity, PhraseSet, MatchItem } from './schema.js';
export { validatePack, parsePackText } from './validate.js';
export type { PackValidation } from './validate.js';
export { packToYaml } from './format.js';
