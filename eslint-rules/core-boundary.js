import path from 'node:path';

/**
 * `kefu/core-stays-in-core`: a relative import in `src/core/**` must resolve inside `src/core/`.
 * A glob such as `'*\/adapters/*'` never matches `../../adapters/db/database.js` (the only spelling a
 * core file can use), so the path is resolved against the importing file instead: that catches
 * adapters, `src/app.ts`, `src/config.ts` and anything else outside the core, at any depth.
 */
export const coreStaysInCore = {
  meta: {
    type: 'problem',
    docs: { description: 'The pure core imports only the core (and allowed packages).' },
    schema: [],
    messages: {
      outside:
        "'{{source}}' leaves src/core/: the core is pure, so adapters, app.ts and config.ts reach it through ports and arguments, never by import.",
    },
  },
  create(context) {
    // The core is the `src/core/` folder the linted file sits in, found from the file itself so the
    // rule holds whichever directory ESLint runs from.
    const file = path.resolve(context.cwd, context.filename);
    const marker = `${path.sep}src${path.sep}core${path.sep}`;
    const at = file.lastIndexOf(marker);
    if (at === -1) return {};
    const coreDir = file.slice(0, at + marker.length);
    const fileDir = path.dirname(file);
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      if (!source.value.startsWith('.')) return;
      const target = path.resolve(fileDir, source.value);
      if (!(target + path.sep).startsWith(coreDir)) context.report({ node: source, messageId: 'outside', data: { source: source.value } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export const kefuPlugin = { rules: { 'core-stays-in-core': coreStaysInCore } };
