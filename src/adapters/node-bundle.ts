import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BuildOptions, Plugin } from 'esbuild';

/**
 * One of this project's TypeScript entry points bundled by esbuild into a script plain `node` runs,
 * without tsx's loader. Used for the KPI worker threads (a worker that registered tsx started a
 * loader thread of its own: +40 MB and +130 ms each, measured) and by the benchmarks (tsx's loader
 * thread is ~30 MB of every contender's peak memory that neither contender needs).
 *
 * Each module keeps its own import.meta.url (its source file), so files found beside a module
 * (queue-log-scan.wasm, the default pack, the web build) are found from the bundle too.
 */
export async function bundleForNode(entry: URL, options: Pick<BuildOptions, 'format' | 'packages'> & { outfile?: string } = {}): Promise<string> {
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
    plugins: [ownImportMetaUrl],
  });
  return out.outputFiles?.[0]?.text ?? '';
}

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

const ownImportMetaUrl: Plugin = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      // This project's own files only (Kefu itself may be installed under a node_modules folder).
      const inProject = relative(projectRoot, path);
      if (inProject.startsWith('..') || isAbsolute(inProject) || inProject.split(sep)[0] === 'node_modules') return undefined;
      const text = await readFile(path, 'utf8');
      // A regex, not the plain words: this very line is bundled too (the benchmark bundles code that
      // bundles the KPI worker), and a plain string would be rewritten to a file URL here.
      return { contents: text.replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(path).href)), loader: 'ts' };
    });
  },
};
