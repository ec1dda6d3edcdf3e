import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createAppContext, ensureFirstAdmin, type AppContext } from '../../src/app.js';
import { buildServer } from '../../src/adapters/http/server.js';
import type { HttpApp } from '../../src/adapters/http/types.js';

export interface RunningServer {
  url: string;
  ctx: AppContext;
  app: HttpApp;
  stop(): Promise<void>;
}

/**
 * The real Kefu server on a fresh SQLite data directory and a random port, serving the given web
 * build: what `npm start` runs, minus the console.
 */
export async function startRealServer(webDist: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-e2e-'));
  const config = loadConfig({ KEFU_DATA_DIR: dataDir, LOG_LEVEL: 'silent', KEFU_ADMIN_PASSWORD: 'admin-pass-2026', ...env });
  const ctx = await createAppContext(config);
  await ensureFirstAdmin(ctx);
  const app = await buildServer(ctx, { logger: false, webDist });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    ctx,
    app,
    async stop() {
      await app.close();
      await ctx.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
