import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const webConfig = fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url));

/**
 * Builds the web app into a fresh temporary directory, so a test never reads a stale web/dist nor
 * disturbs one that a running server is serving.
 */
export async function buildWebApp(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'kefu-web-'));
  const { build } = await import('vite');
  await build({ configFile: webConfig, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}
