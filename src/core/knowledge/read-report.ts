import { AppError } from '../shared/app-error.js';
import { addressedTo } from './bulletin-rules.js';
import { localDateOf, startOfLocalDate } from './dates.js';
import type { Bulletin } from './model.js';
import type { KnowledgeContext } from './ports.js';
import { shiftStartOn, signedInLate } from './shift-starts.js';

export interface ReadReportRow {
  userId: string;
  username: string;
  displayName: string;
  team: string | null;
  /** When they acknowledged the current version; null: not yet. */
  ackedAt: number | null;
  /** The latest older version they acknowledged, when they have not read the current one. */
  ackedVersion: number | null;
  /** Their first sign-in on the day they acknowledged (today when they have not): PH-NOTIFY asks for 5 minutes early. */
  signedInAt: number | null;
  /** When their shift started (or starts) that day, from the shift start times; null: none set. */
  shiftStart: number | null;
  /** Signed in later than `earlyMinutes` before the shift, or not at all once that time passed. */
  signedInLate: boolean;
  /** Calls they answered while this version was in force and unacknowledged. */
  callsBeforeAck: number;
  /** The first of those calls. */
  firstCallAt: number | null;
  /** Acknowledged, but only after answering a call under this version. */
  ackedAfterFirstCall: boolean;
}

export interface ReadReport {
  bulletin: Bulletin;
  /** From when this version was in force: its effective day's start, or its publication if later. */
  inForceFrom: number;
  acknowledged: number;
  addressed: number;
  /** The lead PH-NOTIFY asks for: signed in this many minutes before the shift. */
  earlyMinutes: number;
  rows: ReadReportRow[];
}

const DAY = 86_400_000;

/** Who acknowledged the bulletin's current version and when, who has not, and the calls answered before reading it. */
export async function bulletinReadReport(ctx: Pick<KnowledgeContext, 'clock' | 'zone' | 'read' | 'reportSources' | 'shifts'>, bulletinId: string): Promise<ReadReport> {
  const bulletin = await ctx.read.bulletins.findBulletin(bulletinId);
  if (!bulletin) throw AppError.notFound('公告 / bulletin');
  const now = ctx.clock.now();
  const inForceFrom = Math.max(startOfLocalDate(bulletin.effectiveDate, ctx.zone), bulletin.versionAt);
  const acks = await ctx.read.bulletins.acksOfBulletin(bulletin.id);
  const agents = (await ctx.reportSources.agents()).filter((a) => addressedTo(bulletin, a.team));
  const shifts = await ctx.shifts.get();
  const rows: ReadReportRow[] = [];
  for (const a of agents) {
    const mine = acks.filter((k) => k.userId === a.id);
    const current = mine.find((k) => k.version === bulletin.version) ?? null;
    const older = mine.filter((k) => k.version < bulletin.version).sort((x, y) => y.version - x.version)[0] ?? null;
    const day = localDateOf(current?.ackedAt ?? now, ctx.zone);
    const dayStart = startOfLocalDate(day, ctx.zone);
    const until = current?.ackedAt ?? now;
    const signedInAt = await ctx.reportSources.firstSignIn(a.id, dayStart, dayStart + DAY);
    const shiftStart = shiftStartOn(shifts, a, day, ctx.zone);
    const calls = until > inForceFrom ? await ctx.reportSources.answeredCalls(a.username, inForceFrom, until) : { count: 0, first: null };
    rows.push({
      userId: a.id,
      username: a.username,
      displayName: a.displayName,
      team: a.team,
      ackedAt: current?.ackedAt ?? null,
      ackedVersion: current ? null : (older?.version ?? null),
      signedInAt,
      shiftStart,
      signedInLate: signedInLate(shifts, shiftStart, signedInAt, now),
      callsBeforeAck: calls.count,
      firstCallAt: calls.first,
      ackedAfterFirstCall: current !== null && calls.first !== null,
    });
  }
  // Not yet read first, then by who read it last.
  rows.sort((x, y) => (x.ackedAt === null ? -1 : 0) - (y.ackedAt === null ? -1 : 0) || (y.ackedAt ?? 0) - (x.ackedAt ?? 0) || x.username.localeCompare(y.username));
  return { bulletin, inForceFrom, acknowledged: rows.filter((r) => r.ackedAt !== null).length, addressed: rows.length, earlyMinutes: shifts.earlyMinutes, rows };
}
