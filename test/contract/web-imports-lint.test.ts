import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The web's side of the contract rule (eslint.config.js): types from @contract/*, nothing else from src/.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function errorsOf(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: 'web/src/somewhere/new-screen.tsx' });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('what a web file may import from the server', () => {
  it('takes a type from the contract', async () => {
    expect(await errorsOf("import type { Ticket } from '@contract/tickets';\nexport const n = (t: Ticket) => t.id;")).toEqual([]);
  });

  it.each([
    ['a value from the contract', "import { ticketSchema } from '@contract/tickets';\nexport const s = ticketSchema;"],
    ['a value from the core', "import { mayReveal } from '../../../src/core/shared/personal-data';\nexport const m = mayReveal;"],
    ['a type from the core, around the contract', "import type { QualityResult } from '../../../src/core/quality/types';\nexport type Q = QualityResult;"],
    ['an adapter', "import { writeSpreadsheet } from '../../../src/adapters/export/spreadsheet';\nexport const s = writeSpreadsheet;"],
    ['the contract by its path instead of the alias, as a value', "import { ticketSchema } from '../../../src/contract/tickets';\nexport const s = ticketSchema;"],
  ])('refuses %s', async (_what, code) => {
    const errors = await errorsOf(code);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toContain('no-restricted-imports');
  });
});
