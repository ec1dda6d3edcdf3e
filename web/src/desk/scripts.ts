import { api } from '../api/client';
import { everyMemberOf } from '../api/contract-lists';

/**
 * The standard's scripts (STANDARD.md PH-OPEN, HD-WHY/HD-ASK/HD-LIMIT, HD-KEEP, TR-WHY/TR-ASK/
 * TR-INFO, PH-CLOSE-ASK/PH-CLOSE) and taboo list, as the pack in force words them
 * (`GET /api/standard/scripts`, readable by every role), with the centre's, the agent's and
 * the caller's names filled in. Nothing is worded here: a centre that edits its pack changes
 * what its agents read.
 */
// The script shapes are the server's (src/contract/standard.ts); this list is only the tab order.
export type { ScriptStep, ScriptPart, ScriptStepText, TabooEntry, StandardScripts } from '@contract/standard';
import type { ScriptStep, StandardScripts } from '@contract/standard';
export const scriptSteps = everyMemberOf<ScriptStep>()(['opening', 'hold', 'holdReturn', 'transfer', 'closing']);

export const scriptsApi = {
  get(signal?: AbortSignal): Promise<StandardScripts> {
    return api.get<StandardScripts>('/api/standard/scripts', { signal });
  },
};

export interface ScriptNames {
  /** The pack's names: company, centre, … (the first of each list is used). */
  variables: Record<string, string[]>;
  /** The signed-in agent, in place of the pack's example agent name. */
  agentName: string;
  /** How to address the caller: 王先生, 李女士; empty when unknown. */
  customerTitle: string;
}

const cjk = /[\u3400-\u9fff]/;

export function fillScript(template: string, names: ScriptNames): string {
  let text = template.replace(/\{([a-zA-Z][a-zA-Z0-9_]*)\}/g, (whole, name: string) => {
    if (name === 'agentNames' || name === 'agentName') return names.agentName;
    return names.variables[name]?.[0] ?? whole;
  });
  const customer = names.customerTitle.trim();
  if (customer && text) {
    // Address a known caller by name: “王先生您好，…”, “王先生，请问还有…”.
    if (/^您好/.test(text)) text = `${customer}${text}`;
    else text = `${customer}${cjk.test(text) ? '，' : ', '}${text}`;
  }
  return text;
}
