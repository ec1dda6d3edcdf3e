import { isMap, isSeq, parseDocument, stringify } from 'yaml';
import type { StandardPack } from './schema.js';

/** A pack as YAML (defaults filled in), for a pack that has no source of its own. */
export function packToYaml(pack: StandardPack): string {
  return stringify(pack, { lineWidth: 0 });
}

/**
 * The source of a pack changed by a program (the demo adding agent names, a settings screen
 * saving one value) written as an edit of the previous source, so its comments — the reasons the
 * pack gives for each phrase set — survive. Only what differs between the two packs is written;
 * a source that no longer parses falls back to plain YAML.
 */
export function editPackSource(previousSource: string, previous: StandardPack, next: StandardPack): string {
  const doc = parseDocument(previousSource);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return packToYaml(next);
  const inDoc = (path: Array<string | number>): unknown => (path.length === 0 ? doc.contents : doc.getIn(path, true));
  const apply = (path: Array<string | number>, before: unknown, after: unknown): void => {
    if (sameValue(before, after)) return;
    const node = inDoc(path);
    if (isRecord(before) && isRecord(after) && isMap(node)) {
      for (const key of Object.keys(before)) if (!(key in after) && doc.hasIn([...path, key])) doc.deleteIn([...path, key]);
      for (const [key, value] of Object.entries(after)) apply([...path, key], before[key], value);
      return;
    }
    if (Array.isArray(before) && Array.isArray(after) && before.length === after.length && isSeq(node)) {
      after.forEach((value, i) => apply([...path, i], before[i], value));
      return;
    }
    doc.setIn(path, doc.createNode(after));
  };
  apply([], previous, next);
  return doc.toString({ lineWidth: 0 });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameValue(a[k], b[k]));
  }
  return false;
}
