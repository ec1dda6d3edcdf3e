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
    const coreDir = path.join(context.cwd, 'src', 'core') + path.sep;
    const fileDir = path.dirname(path.resolve(context.cwd, context.filename));
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
