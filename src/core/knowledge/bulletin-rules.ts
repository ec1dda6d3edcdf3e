import { parseLocalDate } from '../calendar/local-date.js';
import { AppError, type FieldError } from '../shared/app-error.js';
import { bulletinKinds, type Bulletin, type BulletinAck, type BulletinContent, type BulletinKind } from './model.js';

export const BULLETIN_LIMITS = { title: 200, body: 20000, team: 100, audience: 50 } as const;

export interface BulletinInput {
  title?: string | undefined;
  body?: string | undefined;
  kind?: BulletinKind | undefined;
  effectiveDate?: string | undefined;
  untilDate?: string | null | undefined;
  audience?: string[] | undefined;
}

function validDate(text: string, path: string, fields: FieldError[], label: string): void {
  try {
    parseLocalDate(text, path);
  } catch {
    fields.push({ path, message: `${label}须为 YYYY-MM-DD 格式的有效日期`, code: 'invalid_date' });
  }
}

/** A bulletin's content from input (over the current one on an edit), or a 400 naming each bad field. */
export function bulletinContent(input: BulletinInput, base?: BulletinContent): BulletinContent {
  const fields: FieldError[] = [];
  const title = (input.title ?? base?.title ?? '').trim();
  const body = (input.body ?? base?.body ?? '').replace(/\r\n?/g, '\n').trim();
  const kind = input.kind ?? base?.kind ?? 'notice';
  const effectiveDate = (input.effectiveDate ?? base?.effectiveDate ?? '').trim();
  const untilDate = input.untilDate !== undefined ? input.untilDate?.trim() || null : (base?.untilDate ?? null);
  const audience = [...new Set((input.audience ?? base?.audience ?? []).map((t) => t.trim()).filter(Boolean))].sort();
  if (!title) fields.push({ path: 'title', message: '请填写公告标题', code: 'required' });
  else if (title.length > BULLETIN_LIMITS.title) fields.push({ path: 'title', message: `公告标题不能超过 ${BULLETIN_LIMITS.title} 字`, code: 'too_long', params: { maximum: BULLETIN_LIMITS.title } });
  if (!body) fields.push({ path: 'body', message: '请填写公告内容', code: 'required' });
  else if (body.length > BULLETIN_LIMITS.body) fields.push({ path: 'body', message: `公告内容不能超过 ${BULLETIN_LIMITS.body} 字`, code: 'too_long', params: { maximum: BULLETIN_LIMITS.body } });
  if (!(bulletinKinds as readonly string[]).includes(kind)) {
    fields.push({ path: 'kind', message: '公告类别只能是 product（新产品）、policy（政策变更）或 notice（通知）', code: 'one_of', params: { values: bulletinKinds.join(', ') } });
  }
  if (!effectiveDate) fields.push({ path: 'effectiveDate', message: '请填写生效日期', code: 'required' });
  else validDate(effectiveDate, 'effectiveDate', fields, '生效日期');
  if (untilDate) {
    validDate(untilDate, 'untilDate', fields, '截止日期');
    if (effectiveDate && untilDate < effectiveDate) fields.push({ path: 'untilDate', message: '截止日期不能早于生效日期', code: 'ends_before_start', params: { start: effectiveDate } });
  }
  if (audience.length > BULLETIN_LIMITS.audience) fields.push({ path: 'audience', message: `发布范围最多 ${BULLETIN_LIMITS.audience} 个班组`, code: 'too_many', params: { maximum: BULLETIN_LIMITS.audience } });
  audience.forEach((t, i) => {
    if (t.length > BULLETIN_LIMITS.team) fields.push({ path: `audience.${i}`, message: `班组名称不能超过 ${BULLETIN_LIMITS.team} 字`, code: 'too_long', params: { maximum: BULLETIN_LIMITS.team } });
  });
  if (fields.length > 0) throw AppError.validation(`公告填写有误：${fields.map((f) => f.message).join('；')}`, fields);
  return { title, body, kind, effectiveDate, untilDate, audience };
}

/** What agents read changed: they must acknowledge it again. (The audience is not what they read.) */
export function readableChanged(a: BulletinContent, b: BulletinContent): boolean {
  return a.title !== b.title || a.body !== b.body || a.kind !== b.kind || a.effectiveDate !== b.effectiveDate || a.untilDate !== b.untilDate;
}

/** In force on a centre's date: from its effective date to its last day, inclusive. */
export function inForce(b: Pick<Bulletin, 'effectiveDate' | 'untilDate'>, today: string): boolean {
  return b.effectiveDate <= today && (b.untilDate === null || today <= b.untilDate);
}

/** Addressed to everyone (no audience), or to the user's team. */
export function addressedTo(b: Pick<Bulletin, 'audience'>, team: string | null): boolean {
  return b.audience.length === 0 || (team !== null && b.audience.includes(team));
}

/** The bulletins in force addressed to the user whose current version they have not acknowledged, oldest effective first. */
export function pendingBulletins(bulletins: readonly Bulletin[], acks: readonly Pick<BulletinAck, 'bulletinId' | 'version'>[], team: string | null, today: string): Bulletin[] {
  const acked = new Set(acks.map((a) => `${a.bulletinId}#${a.version}`));
  return bulletins
    .filter((b) => inForce(b, today) && addressedTo(b, team) && !acked.has(`${b.id}#${b.version}`))
    .sort((a, b) => (a.effectiveDate === b.effectiveDate ? a.createdAt - b.createdAt : a.effectiveDate < b.effectiveDate ? -1 : 1));
}

/** The 409 of "go ready" while bulletins are unread: the message and one field per bulletin. */
export function unreadBulletinsConflict(pending: readonly Bulletin[]): AppError {
  const titles = pending.map((b) => `《${b.title}》`).join('、');
  return AppError.conflict(
    `请先阅读并确认今日公告再就绪接听：${titles} / acknowledge the bulletins in force before going ready`,
    pending.map((b) => ({
      path: `bulletins.${b.id}`,
      message: `${b.title}（第 ${b.version} 版，${b.effectiveDate} 生效）`,
      code: 'unread_bulletin' as const,
      params: { title: b.title, version: b.version, effectiveDate: b.effectiveDate },
    })),
  );
}
