// The registry mirror this project is built against serves only the Linux x64 builds of
// @node-rs/jieba, so `npm install` leaves the other platforms' optional packages out of
// package-lock.json, and `npm ci` then refuses the lock file as out of sync. This adds the
// missing optional entries (version, os, cpu — no tarball: npm never fetches a package for
// another platform), so the lock file is complete on every machine.
// Run after `npm install` changes package-lock.json: `node scripts/complete-lockfile.mjs`.
import fs from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const platforms = {
  'android-arm-eabi': { os: ['android'], cpu: ['arm'] },
  'android-arm64': { os: ['android'], cpu: ['arm64'] },
  'darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
  'darwin-x64': { os: ['darwin'], cpu: ['x64'] },
  'freebsd-x64': { os: ['freebsd'], cpu: ['x64'] },
  'linux-arm-gnueabihf': { os: ['linux'], cpu: ['arm'] },
  'linux-arm64-gnu': { os: ['linux'], cpu: ['arm64'], libc: ['glibc'] },
  'linux-arm64-musl': { os: ['linux'], cpu: ['arm64'], libc: ['musl'] },
  'linux-x64-gnu': { os: ['linux'], cpu: ['x64'], libc: ['glibc'] },
  'linux-x64-musl': { os: ['linux'], cpu: ['x64'], libc: ['musl'] },
  'win32-arm64-msvc': { os: ['win32'], cpu: ['arm64'] },
  'win32-ia32-msvc': { os: ['win32'], cpu: ['ia32'] },
  'win32-x64-msvc': { os: ['win32'], cpu: ['x64'] },
};
let added = 0;
for (const [key, pkg] of Object.entries(lock.packages)) {
  const m = /^node_modules\/(@node-rs\/jieba)$/.exec(key);
  if (!m || !pkg.optionalDependencies) continue;
  for (const [dep, version] of Object.entries(pkg.optionalDependencies)) {
    const entryKey = `node_modules/${dep}`;
    if (lock.packages[entryKey]) continue;
    const platform = platforms[dep.slice('@node-rs/jieba-'.length)];
    if (!platform) throw new Error(`unknown platform package ${dep}`);
    lock.packages[entryKey] = { version, ...platform, license: 'MIT', optional: true, engines: { node: '>= 10' } };
    added++;
  }
}
if (added === 0) {
  console.log('complete-lockfile: package-lock.json is complete');
  process.exit(0);
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
fs.writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log(`complete-lockfile: added ${added} optional platform entr${added === 1 ? 'y' : 'ies'}`);
