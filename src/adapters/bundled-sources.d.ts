// Types of bundled-sources.js (plain JavaScript: bin/kefu.js loads it before any TypeScript loader).
import type { Plugin } from 'esbuild';

/** The esbuild plugin that keeps each of this project's modules' own import.meta.url; `onInput` hears each file read. */
export declare function ownImportMetaUrl(onInput?: (path: string, size: number, mtimeMs: number) => void): Plugin;

/** The CLI's `main` from the kept bundle (bundled first if the sources changed), or null to run the sources through tsx. */
export declare function loadCliMain(): Promise<((argv: string[]) => Promise<number>) | null>;
