import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
};

describe('the Node.js version the project promises', () => {
  // `npm install` warned "EBADENGINE required: { node: '>=22' }" while package.json and the README
  // promised Node 20: every package that gets installed must accept the oldest Node we promise.
  it('is accepted by every installed package', () => {
    const oldest = semver.minVersion(pkg.engines.node);
    expect(oldest?.version).toBe('20.19.0');
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, entry]) => {
        const range = !entry.engines || Array.isArray(entry.engines) ? undefined : entry.engines.node;
        return range && !semver.satisfies(oldest!, range) ? [`${path} wants node ${range}`] : [];
      });
    expect(refusing).toEqual([]);
  });

  it('is the one the README states', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('Node.js 20.19+');
  });
});
