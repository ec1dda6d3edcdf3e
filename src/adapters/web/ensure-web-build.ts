import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const webDir = path.join(root, 'web');
const distIndex = path.join(webDir, 'dist', 'index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** True when web/dist is missing or older than any web source file. */
export function webBuildIsStale(): boolean {
  if (!fs.existsSync(path.join(webDir, 'index.html'))) return false; // no web app in this checkout
  if (!fs.existsSync(distIndex)) return true;
  return newestMtime(webDir) > fs.statSync(distIndex).mtimeMs;
}

/** Builds the web app with Vite when needed, so `npm start` on a fresh clone serves the UI. */
export async function ensureWebBuild(log: (msg: string) => void): Promise<void> {
  if (!webBuildIsStale()) return;
  log('正在构建网页界面 (vite build)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(webDir, 'vite.config.ts'), logLevel: 'warn' });
  log('网页界面构建完成。');
}
