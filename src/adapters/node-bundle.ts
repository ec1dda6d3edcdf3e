import { mkdir, readFile, realpath, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { ownImportMetaUrl } from './bundled-sources.js';

/**
 * One of this project's TypeScript entry points bundled by esbuild into a script plain `node` runs,
 * without tsx's loader. Used for the KPI worker threads (a worker that registered tsx started a
 * loader thread of its own: +40 MB and +130 ms each, measured) and by the benchmarks (tsx's loader
 * thread is ~30 MB of every contender's peak memory that neither contender needs).
 *
 * Each module keeps its own import.meta.url (its source file), so files found beside a module
 * (queue-log-scan.wasm, the default pack, the web build) are found from the bundle too.
 */
export async function bundleForNode(entry: URL, options: BundleOptions = {}): Promise<string> {
  return (await bundle(entry, options)).text;
}

type BundleOptions = Pick<BuildOptions, 'format' | 'packages'> & { outfile?: string };

/**
 * bundleForNode, kept in `cacheFile` with the list of its input files (size and time of each):
 * the next process reads it back after a stat of each input instead of starting esbuild. That start
 * and the bundling cost a first `kefu kpi` on two threads ~250 ms (measured: the main thread is
 * busy reading its own segment while esbuild answers). Any changed, added or missing input (a
 * source edited, esbuild updated) bundles again; a cache that cannot be written is not an error.
 */
export async function cachedBundleForNode(entry: URL, cacheFile: string, options: BundleOptions = {}): Promise<string> {
  const inputsFile = `${cacheFile}.inputs.json`;
  try {
    const inputs = JSON.parse(await readFile(inputsFile, 'utf8')) as [string, number, number][];
    const same = await Promise.all(inputs.map(async ([path, size, mtimeMs]) => stat(path).then((st) => st.size === size && st.mtimeMs === mtimeMs, () => false)));
    // The entry among them: a cache copied with node_modules from another checkout (hard-linked
    // worktrees) lists that checkout's files, unchanged but not these.
    // Real paths, as esbuild lists them (also when node keeps symlinked paths: --preserve-symlinks).
    const entryPath = await realpath(fileURLToPath(entry));
    if (inputs.some(([path]) => path === entryPath) && same.every(Boolean)) return await readFile(cacheFile, 'utf8');
  } catch {
    // no cache yet, or an unreadable one: bundle
  }
  const { text, inputs } = await bundle(entry, options);
  try {
    const listed = await Promise.all(
      inputs.map(async (path): Promise<[string, number, number]> => {
        const st = await stat(path);
        return [path, st.size, st.mtimeMs];
      }),
    );
    await mkdir(dirname(cacheFile), { recursive: true });
    // Written aside and renamed: two processes filling the cache at once never leave half a file.
    const suffix = `.${process.pid}.${Date.now()}.tmp`;
    await writeFile(cacheFile + suffix, text);
    await rename(cacheFile + suffix, cacheFile);
    await writeFile(inputsFile + suffix, JSON.stringify(listed));
    await rename(inputsFile + suffix, inputsFile);
  } catch {
    // a read-only install: every process bundles for itself
  }
  return text;
}

async function bundle(entry: URL, options: BundleOptions): Promise<{ text: string; inputs: string[] }> {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    platform: 'node',
    format: options.format ?? 'esm',
    packages: options.packages,
    target: 'node20',
    write: options.outfile !== undefined,
    outfile: options.outfile,
    logLevel: 'silent',
    metafile: true,
    plugins: [ownImportMetaUrl()],
  });
  // The files it was made of (relative to the working directory), and esbuild itself: a new esbuild may bundle differently.
  const inputs = Object.keys(out.metafile.inputs).map((path) => resolve(path));
  inputs.push(createRequire(import.meta.url).resolve('esbuild/package.json'));
  return { text: out.outputFiles?.[0]?.text ?? '', inputs };
}
