import { AppError, type FieldError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import type { AuditLog } from '../users/ports.js';
import { createCalendar, officeCalendarSpec, roundTheClockCalendarSpec, type CalendarSpec, type WorkingCalendar } from './calendar.js';
import type { CalendarStore, StoredCalendar } from './calendar-store.js';
import { officialYears as shippedYears } from './data/official-holidays.js';
import { mergeYears, summarizeYear, type YearData, type YearSource } from './holiday-data.js';
import type { HolidayStore, ImportedYear } from './holiday-store.js';

export interface CalendarServiceDeps {
  calendars: CalendarStore;
  holidays: HolidayStore;
  audit: AuditLog;
  clock: Clock;
  /** The centre's zone (KEFU_TZ): seeded calendars use it, and a PUT without a zone gets it. */
  timeZone: string;
  /**
   * How long a loaded snapshot is trusted before the rows are read again. Another process (the
   * CLI's `kefu calendar import`, a second server) may change them; within this time it shows up.
   */
  refreshMs?: number;
}

export interface CalendarActor {
  id: string | null;
  name: string | null;
  ip?: string | null;
}

/** A calendar's spec without a zone: the service fills in the centre's zone. */
export type CalendarSpecInput = Omit<CalendarSpec, 'timeZone'> & { timeZone?: string | undefined };

export interface CalendarPutInput {
  /** Required when the calendar is new. */
  name?: string | undefined;
  spec: CalendarSpecInput;
  /** `true` makes it the default; `false` on the current default is refused (one default is needed). */
  isDefault?: boolean | undefined;
}

export interface HolidayYearStatus {
  year: number;
  source: YearSource;
  offDays: number;
  makeUpWorkdays: number;
  /** When an imported year was loaded (epoch ms); null for shipped years. */
  importedAt: number | null;
  /** True when an imported year replaces the one shipped with Kefu. */
  replacesShipped: boolean;
}

export interface HolidayStatus {
  coveredYears: number[];
  years: HolidayYearStatus[];
}

export const OFFICE_CALENDAR_ID = 'office';
export const HOTLINE_CALENDAR_ID = 'hotline';

const CALENDAR_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
// These are sub-paths of /api/calendars; a calendar with such an id could never be read.
const RESERVED_IDS = new Set(['status', 'deadline']);
const DEFAULT_REFRESH_MS = 30_000;

/** The calendars of a fresh installation: KPI-HOURS hotline and the back office SLAs count on. */
export function seedCalendars(zone: string, at: number): StoredCalendar[] {
  return [
    { id: HOTLINE_CALENDAR_ID, name: '热线 7×24', spec: roundTheClockCalendarSpec(zone), isDefault: false, updatedAt: at, updatedBy: 'system' },
    {
      id: OFFICE_CALENDAR_ID,
      name: '后台办公 工作日 09:00–12:00, 13:00–18:00',
      spec: officeCalendarSpec(zone),
      isDefault: true,
      updatedAt: at,
      updatedBy: 'system',
    },
  ];
}

/** Shipped and imported years side by side; an imported year replaces the shipped one. */
export function describeHolidayYears(shipped: readonly YearData[], imported: readonly ImportedYear[]): HolidayStatus {
  const shippedYears = new Set(shipped.map((y) => y.year));
  const importedAt = new Map(imported.map((y) => [y.data.year, y.importedAt]));
  const merged = mergeYears(
    shipped,
    imported.map((y) => y.data),
  );
  const years = merged.map((y): HolidayYearStatus => {
    const at = importedAt.get(y.year);
    const s = summarizeYear(y, at === undefined ? 'shipped' : 'imported');
    return { ...s, importedAt: at ?? null, replacesShipped: at !== undefined && shippedYears.has(y.year) };
  });
  return { coveredYears: merged.map((y) => y.year), years };
}

function withSpecPrefix(e: unknown): unknown {
  if (!(e instanceof AppError) || e.code !== 'VALIDATION') return e;
  // Only the path changes: the code and params stay, so the screen still words the error.
  const fields: FieldError[] = (e.fields ?? [{ path: '', message: e.message, code: 'invalid' }]).map((f) => ({ ...f, path: f.path ? `spec.${f.path}` : 'spec' }));
  return AppError.validation(e.message, fields);
}

interface Snapshot {
  checkedAt: number;
  fingerprint: string;
  calendars: Map<string, StoredCalendar>;
  defaultId: string | undefined;
  imported: ImportedYear[];
  officialYears: YearData[];
  compiled: Map<string, WorkingCalendar>;
}

/**
 * The centre's working calendars, for every module that promises a time.
 *
 * For an SLA deadline: `const cal = await ctx.calendars.get();` (the default, `office`) then
 * `cal.deadline(startMs, '2wd')` → `{ at, iso, covered }`; pass an id (`get('hotline')`) for
 * another calendar. Calendars are compiled once and cached; a PUT or an import replaces the cache
 * at once in this process, and changes made by other processes are picked up within `refreshMs`.
 */
export class CalendarService {
  private snapshot: Snapshot | undefined;
  private loading: Promise<Snapshot> | undefined;
  /** Bumped by every change made here, so a load that started before it cannot install stale rows. */
  private generation = 0;
  private readonly refreshMs: number;

  constructor(private readonly deps: CalendarServiceDeps) {
    this.refreshMs = deps.refreshMs ?? DEFAULT_REFRESH_MS;
  }

  /** The calendar `id`, or the default calendar when no id is given. NOT_FOUND for an unknown id. */
  async get(id?: string): Promise<WorkingCalendar> {
    const snap = await this.current();
    const key = id ?? snap.defaultId;
    const stored = key === undefined ? undefined : snap.calendars.get(key);
    if (!stored) throw AppError.notFound(id === undefined ? 'Default calendar' : `Calendar "${id}"`);
    let compiled = snap.compiled.get(stored.id);
    if (!compiled) {
      compiled = createCalendar(stored.spec, snap.officialYears);
      snap.compiled.set(stored.id, compiled);
    }
    return compiled;
  }

  async list(): Promise<StoredCalendar[]> {
    return [...(await this.current()).calendars.values()];
  }

  /** The stored calendar (name, spec, default flag); NOT_FOUND for an unknown id. */
  async describe(id: string): Promise<StoredCalendar> {
    const stored = (await this.current()).calendars.get(id);
    if (!stored) throw AppError.notFound(`Calendar "${id}"`);
    return stored;
  }

  /** Creates or replaces a calendar; the spec is validated in full (fields named `spec.…`). */
  async put(id: string, input: CalendarPutInput, actor: CalendarActor): Promise<StoredCalendar> {
    const problems: FieldError[] = [];
    if (!CALENDAR_ID.test(id) || RESERVED_IDS.has(id)) {
      problems.push({ path: 'id', message: `invalid calendar id "${id}": use 1–40 lower-case letters, digits and dashes (not "status" or "deadline")`, code: 'invalid_format', params: { format: 'calendar-id' } });
    }
    const snap = await this.current();
    const existing = snap.calendars.get(id);
    const name = (input.name ?? existing?.name ?? '').trim();
    if (name === '') problems.push({ path: 'name', message: 'a new calendar needs a name', code: 'required' });
    if (name.length > 100) problems.push({ path: 'name', message: 'at most 100 characters', code: 'too_long', params: { maximum: 100 } });
    if (existing?.isDefault && input.isDefault === false) {
      problems.push({ path: 'isDefault', message: 'one calendar must be the default: make another calendar the default instead', code: 'default_required' });
    }
    if (problems.length > 0) throw AppError.validation(`Invalid calendar: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);

    const spec: CalendarSpec = { ...input.spec, timeZone: input.spec.timeZone ?? this.deps.timeZone };
    try {
      createCalendar(spec, snap.officialYears);
    } catch (e) {
      throw withSpecPrefix(e);
    }
    const isDefault = input.isDefault ?? existing?.isDefault ?? snap.defaultId === undefined;
    const stored: StoredCalendar = { id, name, spec, isDefault, updatedAt: this.deps.clock.now(), updatedBy: actor.name };
    await this.deps.calendars.put(stored);
    this.invalidate();
    await this.deps.audit.record({
      actor: { id: actor.id, name: actor.name },
      action: existing ? 'calendar.updated' : 'calendar.created',
      target: { type: 'calendar', id },
      detail: { name, isDefault, ...(existing ? { before: { name: existing.name, spec: existing.spec, isDefault: existing.isDefault } } : {}), spec },
      ip: actor.ip ?? null,
    });
    return stored;
  }

  /** Official years in force: the shipped ones, each replaced by an imported year of the same number. */
  async officialYears(): Promise<YearData[]> {
    return (await this.current()).officialYears;
  }

  async holidayStatus(): Promise<HolidayStatus> {
    return describeHolidayYears(shippedYears, (await this.current()).imported);
  }

  /**
   * Stores validated official years (see `parseYearData`) all at once and recompiles every
   * calendar; returns the status after the import.
   */
  async importYears(years: readonly YearData[], actor: CalendarActor): Promise<HolidayStatus> {
    if (years.length === 0) return this.holidayStatus();
    await this.deps.holidays.save(years, this.deps.clock.now());
    this.invalidate();
    await this.deps.audit.record({
      actor: { id: actor.id, name: actor.name },
      action: 'calendar.holidays_imported',
      target: { type: 'holiday_years', id: years.map((y) => y.year).join(',') },
      detail: { years: years.map((y) => ({ ...summarizeYear(y, 'imported'), papers: y.papers })) },
      ip: actor.ip ?? null,
    });
    return this.holidayStatus();
  }

  /** Forgets the cached calendars; the next call reads them again. */
  invalidate(): void {
    this.generation++;
    this.snapshot = undefined;
    this.loading = undefined;
  }

  private async current(): Promise<Snapshot> {
    const snap = this.snapshot;
    if (snap && this.deps.clock.now() - snap.checkedAt < this.refreshMs) return snap;
    if (!this.loading) {
      const loading = this.load(snap, this.generation).finally(() => {
        if (this.loading === loading) this.loading = undefined;
      });
      this.loading = loading;
    }
    return this.loading;
  }

  private async load(previous: Snapshot | undefined, generation: number): Promise<Snapshot> {
    let calendars = await this.deps.calendars.list();
    if (calendars.length === 0) {
      await this.deps.calendars.insertMissing(seedCalendars(this.deps.timeZone, this.deps.clock.now()));
      calendars = await this.deps.calendars.list();
    }
    const imported = await this.deps.holidays.load();
    const fingerprint = JSON.stringify([calendars.map((c) => [c.id, c.updatedAt, c.isDefault]), imported.map((y) => [y.data.year, y.importedAt])]);
    const now = this.deps.clock.now();
    // Unchanged rows keep the compiled calendars: their per-year indexes are the costly part.
    if (previous && previous.fingerprint === fingerprint) {
      previous.checkedAt = now;
      if (generation === this.generation) this.snapshot = previous;
      return previous;
    }
    const next: Snapshot = {
      checkedAt: now,
      fingerprint,
      calendars: new Map(calendars.map((c) => [c.id, c])),
      defaultId: calendars.find((c) => c.isDefault)?.id ?? calendars[0]?.id,
      imported,
      officialYears: mergeYears(
        shippedYears,
        imported.map((y) => y.data),
      ),
      compiled: new Map(),
    };
    if (generation === this.generation) this.snapshot = next;
    return next;
  }
}
