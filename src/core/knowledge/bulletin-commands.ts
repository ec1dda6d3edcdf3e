import { newId } from '../shared/ids.js';
import { AppError } from '../shared/app-error.js';
import { addressedTo, bulletinContent, readableChanged, type BulletinInput } from './bulletin-rules.js';
import { localDateOf } from './dates.js';
import type { Bulletin, BulletinAck } from './model.js';
import type { Actor, KnowledgeContext } from './ports.js';

/**
 * PH-NOTIFY: a supervisor publishes the day's bulletin. An effective date already past is allowed
 * (a change announced late still has to be read) and flagged `backdated`.
 */
/** The audit entry of a bulletin published, edited or acknowledged: who, which bulletin, which version. */
function auditBulletin(ctx: Pick<KnowledgeContext, 'audit'>, action: 'published' | 'edited' | 'acknowledged', b: Bulletin, actor: Actor, detail: Record<string, unknown> = {}): Promise<void> {
  return ctx.audit.record({ actor: { id: actor.id, name: actor.username }, action: `bulletin.${action}`, target: { type: 'bulletin', id: b.id }, detail: { version: b.version, title: b.title, ...detail } });
}

export async function publishBulletin(ctx: Pick<KnowledgeContext, 'clock' | 'random' | 'zone' | 'unitOfWork' | 'audit'>, input: BulletinInput, actor: Actor): Promise<Bulletin> {
  const content = bulletinContent(input);
  const now = ctx.clock.now();
  const bulletin: Bulletin = {
    ...content,
    id: newId(ctx.random, now, 'bl_'),
    version: 1,
    versionAt: now,
    backdated: content.effectiveDate < localDateOf(now, ctx.zone),
    publishedBy: actor.id,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.unitOfWork((st) => st.bulletins.insertBulletin(bulletin));
  await auditBulletin(ctx, 'published', bulletin, actor, { effectiveDate: bulletin.effectiveDate, audience: bulletin.audience, backdated: bulletin.backdated });
  return bulletin;
}

/**
 * An edit of what agents read is a new version: everyone it is addressed to acknowledges again
 * before going ready. Changing only the audience keeps the version (those who read it, read it).
 * `baseVersion`, when given, must still be the current one (409 naming the newer version).
 */
export async function editBulletin(ctx: Pick<KnowledgeContext, 'clock' | 'zone' | 'unitOfWork' | 'audit'>, id: string, input: BulletinInput, baseVersion: number | undefined, actor: Actor): Promise<Bulletin> {
  const { before, after } = await ctx.unitOfWork(async (st) => {
    const current = await st.bulletins.findBulletinForUpdate(id);
    if (!current) throw AppError.notFound('公告 / bulletin');
    if (baseVersion !== undefined && baseVersion !== current.version) {
      const message = `公告已被更新为第 ${current.version} 版，请刷新后再修改 / the bulletin is at version ${current.version}`;
      throw AppError.conflict(message, [{ path: 'version', message: `最新版本为第 ${current.version} 版`, code: 'stale_version', params: { current: current.version } }]);
    }
    const content = bulletinContent(input, current);
    const now = ctx.clock.now();
    const bumped = readableChanged(current, content);
    const next: Bulletin = {
      ...current,
      ...content,
      version: bumped ? current.version + 1 : current.version,
      versionAt: bumped ? now : current.versionAt,
      backdated: content.effectiveDate !== current.effectiveDate ? content.effectiveDate < localDateOf(now, ctx.zone) : current.backdated,
      updatedAt: now,
    };
    await st.bulletins.updateBulletin(next);
    return { before: current, after: next };
  });
  const changed = (Object.keys(input) as Array<keyof BulletinInput>).filter((k) => input[k] !== undefined && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  if (changed.length > 0) await auditBulletin(ctx, 'edited', after, actor, { from: before.version, fields: changed, askedAgain: after.version !== before.version });
  return after;
}

/**
 * The agent confirms having read the bulletin's current version. A bulletin that does not exist or
 * is not addressed to the caller's team is a 404 (they have nothing to acknowledge there).
 */
export async function acknowledgeBulletin(ctx: Pick<KnowledgeContext, 'clock' | 'unitOfWork' | 'audit'>, id: string, actor: Actor): Promise<{ bulletin: Bulletin; ack: BulletinAck }> {
  const now = ctx.clock.now();
  const out = await ctx.unitOfWork(async (st) => {
    const bulletin = await st.bulletins.findBulletin(id);
    if (!bulletin || !addressedTo(bulletin, actor.team)) throw AppError.notFound('公告 / bulletin');
    const first = !(await st.bulletins.acksOf(actor.id, [bulletin.id])).some((k) => k.version === bulletin.version);
    const ack = await st.bulletins.insertAck({ bulletinId: bulletin.id, version: bulletin.version, userId: actor.id, username: actor.username, ackedAt: now });
    return { bulletin, ack, first };
  });
  // Acknowledging again keeps the first time: only the first is worth an audit line.
  if (out.first) await auditBulletin(ctx, 'acknowledged', out.bulletin, actor);
  return { bulletin: out.bulletin, ack: out.ack };
}
