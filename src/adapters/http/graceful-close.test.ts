import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { createAppContext, ensureFirstAdmin } from '../../app.js';
import { buildServer } from './server.js';

// What `kefu start` does on SIGTERM: app.close() (stop accepting, let requests in hand finish),
// then ctx.close() (jobs, database).
it('closing the server lets a request in hand finish, then closes the database cleanly', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-close-'));
  const ctx = await createAppContext(loadConfig({ KEFU_DATA_DIR: dir, KEFU_ADMIN_PASSWORD: 'admin-pass-2026', LOG_LEVEL: 'silent' }));
  await ensureFirstAdmin(ctx);
  const app = await buildServer(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  try {
    let received!: () => void;
    const inHand = new Promise<void>((r) => (received = r));
    app.server.once('request', () => received());
    const answer = fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin-pass-2026' }) });
    await inHand; // the sign-in has arrived (it then spends tens of ms hashing the password) …
    const closing = app.close(); // … when shutdown begins
    expect((await answer).status).toBe(200);
    await closing;
    await ctx.close();
    const wal = path.join(dir, 'kefu.sqlite-wal');
    expect(!fs.existsSync(wal) || fs.statSync(wal).size === 0).toBe(true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
