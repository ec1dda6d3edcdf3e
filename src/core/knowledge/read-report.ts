import { AppError } from '../shared/app-error.js';
import { addressedTo } from './bulletin-rules.js';
import { localDateOf, startOfLocalDate } from './dates.js';
import type { Bulletin } from './model.js';
import type { KnowledgeContext } from './ports.js';

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
  /** Calls they answered while this version was in force and unacknowledged. */
  callsBeforeAck: number;
}

export interface ReadReport {
  bulletin: Bulletin;
  /** From when this version was in force: its effective day's start, or its publication if later. */
  inForceFrom: number;
  acknowledged: number;
  addressed: number;
  rows: ReadReportRow[];
}

const DAY = 86_400_000;

/** Who acknowledged the bulletin's current version and when, who has not, and the calls answered before reading it. */
export async function bulletinReadReport(ctx: Pick<KnowledgeContext, 'clock' | 'zone' | 'read' | 'reportSources'>, bulletinId: string): Promise<ReadReport> {
  const bulletin = await ctx.read.bulletins.findBulletin(bulletinId);
  if (!bulletin) throw AppError.notFound('公告 / bulletin');
  const now = ctx.clock.now();
  const inForceFrom = Math.max(startOfLocalDate(bulletin.effectiveDate, ctx.zone), bulletin.versionAt);
  const acks = await ctx.read.bulletins.acksOfBulletin(bulletin.id);
  const agents = (await ctx.reportSources.agents()).filter((a) => addressedTo(bulletin, a.team));
  const rows: ReadReportRow[] = [];
  for (const a of agents) {
    const mine = acks.filter((k) => k.userId === a.id);
    const current = mine.find((k) => k.version === bulletin.version) ?? null;
    const older = mine.filter((k) => k.version < bulletin.version).sort((x, y) => y.version - x.version)[0] ?? null;
    const day = localDateOf(current?.ackedAt ?? now, ctx.zone);
    const dayStart = startOfLocalDate(day, ctx.zone);
    const until = current?.ackedAt ?? now;
    rows.push({
      userId: a.id,
      username: a.username,
      displayName: a.displayName,
      team: a.team,
      ackedAt: current?.ackedAt ?? null,
      ackedVersion: current ? null : (older?.version ?? null),
      signedInAt: await ctx.reportSources.firstSignIn(a.id, dayStart, dayStart + DAY),
      callsBeforeAck: until > inForceFrom ? await ctx.reportSources.answeredCalls(a.username, inForceFrom, until) : 0,
    });
  }
  // Not yet read first, then by who read it last.
  rows.sort((x, y) => (x.ackedAt === null ? -1 : 0) - (y.ackedAt === null ? -1 : 0) || (y.ackedAt ?? 0) - (x.ackedAt ?? 0) || x.username.localeCompare(y.username));
  return { bulletin, inForceFrom, acknowledged: rows.filter((r) => r.ackedAt !== null).length, addressed: rows.length, rows };
}
