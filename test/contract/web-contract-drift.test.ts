import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The promise of src/contract/: a change to a response schema is a type error in the web, not a screen
// that quietly shows "undefined". This compiles the web (its own tsconfig) with one schema edited in
// memory, as a developer would by changing the file, and expects the web to stop type-checking where it
// reads the changed field.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function webDiagnostics(...edits: { file: string; from: string; to: string }[]): string[] {
  const configPath = path.join(root, 'web/tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error('web/tsconfig.json did not parse');
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => {
    let text = readFile(fileName);
    for (const edit of edits) {
      if (text === undefined || path.resolve(fileName) !== path.join(root, edit.file)) continue;
      if (!text.includes(edit.from)) throw new Error(`${edit.file} no longer contains ${edit.from}`);
      text = text.replace(edit.from, edit.to);
    }
    return text;
  };
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, host });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.relative(root, d.file.fileName)}` : '';
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('the web is typed by the server contract', () => {
  it('type-checks as it stands, and a renamed response field breaks the screens that read it', () => {
    expect(webDiagnostics()).toEqual([]);
    // The ticket list and detail screens show the customer's name.
    const renamed = webDiagnostics({ file: 'src/contract/tickets.ts', from: '  customerName: z.string(),\n  contactPhone', to: '  customerFullName: z.string(),\n  contactPhone' });
    expect(renamed.some((d) => d.startsWith('web/src/') && d.includes("'customerName'"))).toBe(true);
  }, 180_000);

  it('a renamed field of the calls, quality, KPI, customer, session or error answers breaks the screens that read it', () => {
    // One compile with every rename at once (each compile of the web takes ~20 s); each must surface on its own.
    const renamed = webDiagnostics(
      // The call review shows the call's transcript; the dashboard judges the answer rate; the review lists failed checks.
      { file: 'src/contract/calls.ts', from: 'callSummarySchema.extend({ transcript:', to: 'callSummarySchema.extend({ transcriptText:' },
      { file: 'src/contract/kpi.ts', from: '  answerRate: rate,', to: '  connectRate: rate,' },
      { file: 'src/contract/quality.ts', from: '  points: z.number(),', to: '  weight: z.number(),' },
      // The customer page shows whether the numbers are masked; the reveal buttons read what the session allows.
      { file: 'src/contract/customers.ts', from: '  masked: z.boolean()', to: '  isMasked: z.boolean()' },
      { file: 'src/contract/auth.ts', from: '  mayReveal: z.array(', to: '  revealable: z.array(' },
      // The pack editor marks the line of each error the server located.
      { file: 'src/contract/common.ts', from: '  line: z.number().optional()', to: '  lineNumber: z.number().optional()' },
      // The quality and review pages play the call's recording.
      { file: 'src/contract/calls.ts', from: ' recordingUrl: z.string().nullable()', to: ' recordingHref: z.string().nullable()' },
    );
    const inWeb = renamed.filter((d) => d.startsWith('web/src/'));
    for (const name of ['transcript', 'answerRate', 'points', 'masked', 'mayReveal', 'line', 'recordingUrl']) {
      expect(inWeb.some((d) => d.includes(`'${name}'`)), `${name}:\n${inWeb.join('\n')}`).toBe(true);
    }
  }, 180_000);
});
