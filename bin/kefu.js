#!/usr/bin/env node
// The `kefu` command. Sources are TypeScript run through tsx, so `npx kefu` works straight
// after `npm install` with no separate compile step to forget.
import { register } from 'tsx/esm/api';

// `kefu … | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

register();
const { main } = await import('../src/adapters/cli/main.ts');
process.exitCode = await main(process.argv);
