#!/usr/bin/env node
// The `kefu` command. It runs from a bundle of its TypeScript sources that plain node loads, kept in
// node_modules/.cache/kefu and made again whenever a source changes (src/adapters/bundled-sources.js);
// where that cannot be done (no esbuild, a read-only install, KEFU_CLI_BUNDLE=0) the sources run
// through tsx. Either way `npx kefu` works straight after `npm install`, with no compile step to forget.
import { loadCliMain } from '../src/adapters/bundled-sources.js';

// `kefu … | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

let main = await loadCliMain();
if (main === null) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/adapters/cli/main.ts'));
}
process.exitCode = await main(process.argv);
