// Kefu's TypeScript sources as bundles that plain `node` runs, without tsx's loader.
//
// Plain JavaScript (types in bundled-sources.d.ts) because bin/kefu.js imports it before any
// TypeScript loader is there: the point is not to start one. Used for
//   - the `kefu` command (loadCliMain): its sources bundled by esbuild, code-split so that what a
//     command imports lazily (database drivers, the server, the spreadsheet library) stays lazy,
//     and kept in node_modules/.cache/kefu/cli-<key>/ while the sources are unchanged. Through tsx
//     `kefu --help` took 1.0–1.2 s of CPU and 105–115 MB; from the kept bundle 0.45–0.5 s and 73 MB, and
//     `kefu kpi` on a 234 MB log 3.1–3.3 s of CPU and ~170 MB against 2.3–2.4 s and ~129 MB (measured);
//   - every bundle of node-bundle.ts (the KPI worker, the benchmarks' contenders): the esbuild
//     plugin that keeps each module's own import.meta.url.
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The real path: esbuild hands the plugin real paths, also when node runs with --preserve-symlinks.
const projectRoot = realpathSync(fileURLToPath(new URL('../..', import.meta.url)));
const cacheRoot = join(projectRoot, 'node_modules', '.cache', 'kefu');
/** The files the kept CLI bundle was made of (absolute paths), written after each build. */
const cliInputsFile = join(cacheRoot, 'cli-inputs.json');
const cliEntry = join(projectRoot, 'src', 'adapters', 'cli', 'main.ts');

/** `path` is a file of this project (its node_modules included), not of another copy of it. */
function inProject(path) {
  const rel = relative(projectRoot, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * The esbuild plugin of every bundle: each of this project's own .ts and .js files keeps its own
 * import.meta.url (its source file), so files found beside a module (queue-log-scan.wasm, the
 * default pack, the web build) are found from a bundle too. `onInput` hears the size and time of
 * each file as it was read (taken before the read, so an edit during a build shows as a change).
 */
export function ownImportMetaUrl(onInput) {
  return {
    name: 'own-import-meta-url',
    setup(build) {
      // .js too: this file is bundled with the CLI and the KPI worker, and needs its own URL as well.
      build.onLoad({ filter: /\.(ts|js)$/ }, async ({ path }) => {
        // This project's own files only (Kefu itself may be installed under a node_modules folder).
        const rel = relative(projectRoot, path);
        if (!inProject(path) || rel.split(sep)[0] === 'node_modules') return undefined;
        if (onInput) {
          const st = await stat(path);
          onInput(path, st.size, st.mtimeMs);
        }
        const text = await readFile(path, 'utf8');
        // A regex, not the plain words: this very line is bundled too (the benchmark bundles code that
        // bundles the KPI worker), and a plain string would be rewritten to a file URL here.
        return { contents: text.replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(path).href)), loader: path.endsWith('.js') ? 'js' : 'ts' };
      });
    },
  };
}

/** One key for a list of [path, size, mtimeMs]: a bundle's folder name. */
function keyOf(entries) {
  return createHash('sha256').update(JSON.stringify([projectRoot, ...entries])).digest('hex').slice(0, 20);
}

/** The kept bundle's folder if every file it was made of is unchanged, else null. */
function freshCliDir() {
  let paths;
  try {
    paths = JSON.parse(readFileSync(cliInputsFile, 'utf8'));
  } catch {
    return null;
  }
  // A node_modules copied from another checkout (hard-linked worktrees) lists that checkout's
  // files, its entry among them. (Not every input is inside the project: installed under another
  // project's node_modules, esbuild is that project's.)
  if (!Array.isArray(paths) || !paths.includes(cliEntry)) return null;
  const entries = [];
  for (const path of paths) {
    if (typeof path !== 'string') return null;
    try {
      const st = statSync(path);
      entries.push([path, st.size, st.mtimeMs]);
    } catch {
      return null;
    }
  }
  const dir = join(cacheRoot, `cli-${keyOf(entries)}`);
  if (!existsSync(join(dir, 'main.js'))) return null;
  try {
    // Its time is its last use: the prune spares folders a process started from lately.
    const now = new Date();
    utimesSync(dir, now, now);
  } catch {
    // a read-only install: nothing is pruned there either
  }
  return dir;
}

/** Bundles the CLI into a folder of its own and lists its inputs for the next process. */
async function buildCliDir() {
  const { build } = await import('esbuild');
  mkdirSync(cacheRoot, { recursive: true });
  // A cache that cannot be written: tsx at once, not a whole build thrown away.
  accessSync(cacheRoot, constants.W_OK);
  // Files esbuild reads without the plugin, taken before the build (an edit during it shows as a change).
  const read = new Map();
  const settings = [join(projectRoot, 'package.json'), join(projectRoot, 'tsconfig.json')];
  for (const path of settings) {
    const st = statSync(path);
    read.set(path, [st.size, st.mtimeMs]);
  }
  const tmp = join(cacheRoot, `cli-tmp-${process.pid}-${Date.now()}`);
  const out = await build({
    entryPoints: [cliEntry],
    absWorkingDir: projectRoot,
    bundle: true,
    // Chunks, not one file: a module a command imports lazily (and the packages it imports) stays lazy.
    splitting: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    target: 'node20',
    outdir: tmp,
    // Stack traces (the server's error log) name the source files and lines: see loadCliMain.
    sourcemap: true,
    logLevel: 'silent',
    metafile: true,
    plugins: [ownImportMetaUrl((path, size, mtimeMs) => read.set(path, [size, mtimeMs]))],
  });
  const inputs = [...new Set([...Object.keys(out.metafile.inputs).map((path) => resolve(projectRoot, path)), ...settings])];
  // A new esbuild may bundle differently.
  inputs.push(createRequire(import.meta.url).resolve('esbuild/package.json'));
  const entries = inputs.map((path) => {
    const known = read.get(path);
    if (known) return [path, ...known];
    const st = statSync(path);
    return [path, st.size, st.mtimeMs];
  });
  const dir = join(cacheRoot, `cli-${keyOf(entries)}`);
  try {
    // A folder renamed into place whole: a process never sees half a bundle.
    renameSync(tmp, dir);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    // Another process made the same bundle first: use that one.
    if (!existsSync(join(dir, 'main.js'))) throw e;
  }
  const listTmp = `${cliInputsFile}.${process.pid}.tmp`;
  writeFileSync(listTmp, JSON.stringify(inputs));
  renameSync(listTmp, cliInputsFile);
  pruneCliDirs(dir);
  return dir;
}

const DAY_MS = 86_400_000;

/**
 * Removes bundles of older sources. A running process may still import a lazy chunk from its own
 * folder (a server's first export, days after it started), so the three newest folders stay, and an
 * older one only goes once a day has passed since a process last started from it (freshCliDir
 * touches it); so do half-written ones of a crashed build.
 */
function pruneCliDirs(keep) {
  try {
    const dirs = readdirSync(cacheRoot, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name.startsWith('cli-') && join(cacheRoot, d.name) !== keep)
      .map((d) => ({ path: join(cacheRoot, d.name), mtimeMs: statSync(join(cacheRoot, d.name)).mtimeMs }))
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    const now = Date.now();
    for (const [i, d] of dirs.entries()) {
      if (i >= 2 && now - d.mtimeMs > DAY_MS) rmSync(d.path, { recursive: true, force: true });
    }
  } catch {
    // another process pruned at the same moment: nothing lost
  }
}

/**
 * The CLI's `main` from the kept bundle, bundled first when the sources changed; null when that
 * cannot be done here (no esbuild, a read-only install, KEFU_CLI_BUNDLE=0), and bin/kefu.js then
 * runs the sources through tsx as before.
 */
export async function loadCliMain() {
  if (process.env.KEFU_CLI_BUNDLE === '0') return null;
  try {
    const dir = freshCliDir() ?? (await buildCliDir());
    process.setSourceMapsEnabled(true);
    const mod = await import(pathToFileURL(join(dir, 'main.js')).href);
    return mod.main;
  } catch {
    return null;
  }
}
