import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The promise of src/contract/: a change to a response schema is a type error in the web, not a screen
// that quietly shows "undefined". This compiles the web (its own tsconfig) with one schema edited in
// memory, as a developer would by changing the file, and expects the web to stop type-checking where it
// reads the changed field.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function webDiagnostics(edit?: { file: string; from: string; to: string }): string[] {
  const configPath = path.join(root, 'web/tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error('web/tsconfig.json did not parse');
  const host = ts.createCompilerHost(config.options);
  const target = edit && path.join(root, edit.file);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => {
    const text = readFile(fileName);
    if (!edit || text === undefined || path.resolve(fileName) !== target) return text;
    if (!text.includes(edit.from)) throw new Error(`${edit.file} no longer contains ${edit.from}`);
    return text.replace(edit.from, edit.to);
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

  it.each([
    // The customer page shows whether the numbers are masked; the reveal buttons read what the session allows.
    ['src/contract/customers.ts', '  masked: z.boolean()', '  isMasked: z.boolean()', "'masked'"],
    ['src/contract/auth.ts', '  mayReveal: z.array(', '  revealable: z.array(', "'mayReveal'"],
    // The pack editor marks the line of each error the server located.
    ['src/contract/common.ts', "  line: z.number().optional()", "  lineNumber: z.number().optional()", "'line'"],
  ])('renaming a field in %s breaks the screens that read it', (file, from, to, name) => {
    const renamed = webDiagnostics({ file, from, to });
    expect(renamed.some((d) => d.startsWith('web/src/') && d.includes(name)), renamed.join('\n')).toBe(true);
  }, 180_000);
});
