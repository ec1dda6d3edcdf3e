#!/usr/bin/env node
// The `kefu` command. Sources are TypeScript run through tsx, so `npx kefu` works straight
// after `npm install` with no separate compile step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/adapters/cli/main.ts');
process.exitCode = await main(process.argv);
