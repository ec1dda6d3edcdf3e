import { AppError } from '../shared/app-error.js';
import type { CallbackSettings, CallbackType } from '../standard/callback-schema.js';

export interface ScriptNames {
  customerName: string;
  agentName?: string;
  centre?: string;
  company?: string;
}

/** What the agent reads for one callback: the type's opening and script with the names filled in. */
export interface RenderedScript {
  type: CallbackType;
  name: string;
  nameEn: string;
  purpose: string;
  /** CB-OPEN: introduce yourself and the company, ask whether now is convenient. */
  opening: string;
  script: string;
  /** The standard's rules every callback is judged by (quality inspection, channel callback). */
  requirements: readonly string[];
}

const CALL_RULES = ['CB-OPEN', 'CB-3MIN', 'CB-NOARGUE', 'CB-HANGUP'] as const;

function firstOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * CB-TYPE: the opening and script of a callback type from the pack, rendered with the customer's
 * name (and the agent's, the centre's and the company's; missing ones fall back to the pack's
 * variables). An unknown `{placeholder}` is left as written so the pack editor shows it.
 */
export function renderCallbackScript(
  settings: Pick<CallbackSettings, 'types'>,
  type: CallbackType,
  names: ScriptNames,
  variables: Record<string, string | string[]> = {},
): RenderedScript {
  if (names.customerName.trim() === '') {
    const message = '请填写客户姓名：开场白要称呼客户 / customerName is required for the opening';
    throw AppError.validation(message, [{ path: 'customerName', message, code: 'required' }]);
  }
  const t = settings.types[type];
  const values: Record<string, string | undefined> = {
    customerName: names.customerName.trim(),
    agentName: names.agentName ?? firstOf(variables.agentNames),
    centre: names.centre ?? firstOf(variables.centre),
    company: names.company ?? firstOf(variables.company),
  };
  const fill = (text: string): string => text.replace(/\{([a-zA-Z]+)\}/g, (whole, key: string) => values[key] ?? whole);
  return { type, name: t.name, nameEn: t.nameEn, purpose: t.purpose, opening: fill(t.opening), script: fill(t.script), requirements: CALL_RULES };
}
