// `npm run build:wasm`: compiles wasm/queue-log-scan.ts (AssemblyScript) to the .wasm the KPI
// reader loads, src/adapters/telephony/queue-log-scan.wasm. The .wasm is kept in git so that
// `kefu` needs no compiler at run time; `npm run build:wasm -- --check` (and a test) fails when it
// is not the build of the source.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const root = fileURLToPath(new URL('..', import.meta.url));
export const queueLogScanSource = 'wasm/queue-log-scan.ts';
export const queueLogScanBinary = 'src/adapters/telephony/queue-log-scan.wasm';

/** The .wasm built from the source, in memory. */
export async function buildQueueLogScan(): Promise<Uint8Array> {
  let binary: Uint8Array | null = null;
  const errors: string[] = [];
  const { error } = await asc.main(
    // No runtime or allocator: the module only reads and writes memory the caller lays out.
    [queueLogScanSource, '-O3', '--runtime', 'stub', '--noAssert', '--enable', 'simd', '--initialMemory', '1', '--outFile', 'out.wasm'],
    {
      readFile: (name, baseDir) => {
        try {
          return readFileSync(resolve(root, baseDir, name), 'utf8');
        } catch {
          return null;
        }
      },
      writeFile: (name, contents) => {
        if (name.endsWith('.wasm') && typeof contents !== 'string') binary = contents;
      },
      listFiles: () => [],
      stdout: { write: () => true } as never,
      stderr: { write: (s: string | Uint8Array) => (errors.push(String(s)), true) } as never,
    },
  );
  if (error || binary === null) throw new Error(`assemblyscript: ${error?.message ?? 'no output'}\n${errors.join('')}`);
  return binary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const built = await buildQueueLogScan();
  const path = `${root}${queueLogScanBinary}`;
  if (process.argv.includes('--check')) {
    if (!Buffer.from(built).equals(readFileSync(path))) {
      console.error(`${queueLogScanBinary} is not the build of ${queueLogScanSource}: run npm run build:wasm`);
      process.exit(1);
    }
    console.log(`${queueLogScanBinary} is the build of ${queueLogScanSource}`);
  } else {
    writeFileSync(path, built);
    console.log(`wrote ${queueLogScanBinary} (${built.length} bytes)`);
  }
}
