import { stringify } from 'yaml';
import type { StandardPack } from './schema.js';

/** A pack as YAML (defaults filled in), for `kefu standard show` and exports. */
export function packToYaml(pack: StandardPack): string {
  return stringify(pack, { lineWidth: 0 });
}
