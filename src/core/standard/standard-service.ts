import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import type { AuditLog } from '../users/ports.js';
import { compilePack, type CompiledPack } from '../quality/compile.js';
import { parsePackText, validatePack } from './validate.js';
import { editPackSource } from './format.js';
import { linesOfErrors } from './pack-error-lines.js';
import type { StandardPack } from './schema.js';

export interface StandardVersion {
  version: number;
  packId: string;
  content: unknown;
  source: string;
  comment: string | null;
  createdAt: number;
  createdBy: string | null;
}

export interface StandardVersionStore {
  append(v: Omit<StandardVersion, 'version'>): Promise<number>;
  latest(): Promise<StandardVersion | undefined>;
  get(version: number): Promise<StandardVersion | undefined>;
  list(): Promise<Array<Omit<StandardVersion, 'content' | 'source'>>>;
}

export interface ActiveStandard {
  version: number;
  packId: string;
  /** What results record: `<packId>@<version>`. */
  label: string;
  pack: StandardPack;
  source: string;
  compiled: CompiledPack;
  createdAt: number;
  createdBy: string | null;
  comment: string | null;
}

/**
 * The centre's standard pack in force, with its version history. Versions are numbered by the
 * store (1, 2, 3…) and written into the pack, so every quality result names the exact version
 * it was judged by. The compiled automaton is cached per version: compiling happens once per
 * change, not per request.
 */
export class StandardService {
  private cache: ActiveStandard | undefined;
  /** Older versions compiled on demand (a stored result re-worded for its reader); versions never change. */
  private readonly older = new Map<string, CompiledPack>();

  constructor(
    private readonly deps: {
      store: StandardVersionStore;
      audit: AuditLog;
      clock: Clock;
      /** The pack shipped with Kefu; becomes version 1 on first use. */
      defaultPack: () => StandardPack;
      defaultSource: () => string;
    },
  ) {}

  async active(): Promise<ActiveStandard> {
    let latest = await this.deps.store.latest();
    if (!latest) {
      await this.store(this.deps.defaultPack(), this.deps.defaultSource(), '默认标准（安装时自带）', null).catch(async (e) => {
        // Another process seeded it at the same moment: use theirs.
        if (!(await this.deps.store.latest())) throw e;
      });
      latest = await this.deps.store.latest();
    }
    if (!latest) throw new AppError('INTERNAL', 'no standard pack stored');
    if (this.cache?.version === latest.version) return this.cache;
    const checked = validatePack(latest.content);
    if (!checked.ok) throw new AppError('INTERNAL', `stored standard version ${latest.version} no longer validates: ${checked.errors[0]?.path} ${checked.errors[0]?.message}`);
    const pack = { ...checked.pack, version: latest.version };
    this.cache = {
      version: latest.version,
      packId: pack.id,
      label: `${pack.id}@${latest.version}`,
      pack,
      source: latest.source,
      compiled: compilePack(pack),
      createdAt: latest.createdAt,
      createdBy: latest.createdBy,
      comment: latest.comment,
    };
    return this.cache;
  }

  /**
   * Validates and stores a new version. `input` is YAML/JSON text or an already-parsed pack.
   * Errors name the path of every problem (`rules.3.kind: unknown rule kind …`); for text, with its
   * line and place (core/standard/pack-error-lines.ts).
   */
  async update(input: string | unknown, actor: { id: string | null; name: string | null }, comment: string | null = null): Promise<ActiveStandard> {
    const checked = typeof input === 'string' ? parsePackText(input) : validatePack(input);
    // Sent as text, each error also says its line in that text and its place by rule id, so an editor
    // (the web's, any other client's) marks the lines without parsing the pack itself.
    if (!checked.ok) throw AppError.validation('The standard pack is not valid', typeof input === 'string' ? linesOfErrors(input, checked.errors) : checked.errors);
    // Compile before storing: a pack that validates but cannot compile must not go live.
    compilePack(checked.pack);
    // A pack given as data (not text) is written as an edit of the source in force, keeping its comments.
    const source = typeof input === 'string' ? input : await this.editedSource(checked.pack);
    const version = await this.store(checked.pack, source, comment, actor.name);
    await this.deps.audit.record({ actor, action: 'standard.updated', target: { type: 'standard', id: String(version) }, detail: { packId: checked.pack.id, comment } });
    return this.active();
  }

  private async editedSource(next: StandardPack): Promise<string> {
    const current = await this.active();
    const written = parsePackText(current.source);
    if (!written.ok) return editPackSource(current.source, current.pack, next);
    // The pack in force carries the stored version number; a caller that spread it did not mean
    // to change the `version:` written in the source.
    const unchangedVersion = next.version === current.pack.version ? { ...next, version: written.pack.version } : next;
    return editPackSource(current.source, written.pack, unchangedVersion);
  }

  history(): ReturnType<StandardVersionStore['list']> {
    return this.deps.store.list();
  }

  /**
   * The compiled pack a quality result names (`default@3`): the one in force, or an older version
   * compiled once and kept (a few at most). Undefined when no such version is stored.
   */
  async compiledByLabel(label: string): Promise<CompiledPack | undefined> {
    const active = await this.active();
    if (active.label === label) return active.compiled;
    const hit = this.older.get(label);
    if (hit) return hit;
    const at = label.lastIndexOf('@');
    const version = Number(label.slice(at + 1));
    if (at < 0 || !Number.isInteger(version)) return undefined;
    const stored = await this.deps.store.get(version);
    if (!stored || stored.packId !== label.slice(0, at)) return undefined;
    const checked = validatePack(stored.content);
    if (!checked.ok) return undefined;
    const compiled = compilePack({ ...checked.pack, version });
    if (this.older.size >= 8) this.older.clear();
    this.older.set(label, compiled);
    return compiled;
  }

  async version(version: number): Promise<StandardVersion> {
    const v = await this.deps.store.get(version);
    if (!v) throw AppError.notFound(`Standard version ${version}`);
    return v;
  }

  private async store(pack: StandardPack, source: string, comment: string | null, by: string | null): Promise<number> {
    return this.deps.store.append({ packId: pack.id, content: pack, source, comment, createdAt: this.deps.clock.now(), createdBy: by });
  }
}
