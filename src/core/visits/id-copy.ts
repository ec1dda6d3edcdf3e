import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import type { Random } from '../shared/random.js';
import { newId } from '../shared/ids.js';
import { mayReveal, revealingRoles } from '../shared/personal-data.js';
import type { AuditLog } from '../users/ports.js';
import type { Role } from '../users/roles.js';
import { formatInstant, type TimeZone } from '../calendar/time-zone.js';
import { requiredText } from './visit-input.js';
import { idCopyContentTypes, type IdCopyContentType, type Visit } from './model.js';

/**
 * VS-PRIVACY, the software half of 身份证复印件当面加盖"再次复印无效": a copy of a visitor's ID
 * document is kept only when a matter needs it (a purpose is required), sealed at rest (the
 * `IdCopyCipher` port: AES-256-GCM with a key from the configuration, `adapters/privacy/`), shown
 * only to a role that may see ID numbers and only with the watermark (再次复印无效, the date, the
 * purpose, who is viewing), every view audited. The daily retention run deletes copies after the
 * policy's `idCopiesDays`.
 */
export interface IdCopy {
  id: string;
  visitId: string;
  /** Why the copy is kept (办理产权变更, 委托办理…): stamped on every view. */
  purpose: string;
  contentType: IdCopyContentType;
  size: number;
  storedBy: string;
  storedAt: number;
}

export { idCopyContentTypes, type IdCopyContentType };

/** A scan of one side of an ID card is well under this. */
export const ID_COPY_MAX_BYTES = 2 * 1024 * 1024;

/** The sealed bytes as stored: which key (a digest, never the key), nonce, tag, ciphertext — base64. */
export interface SealedBytes {
  keyId: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

export interface IdCopyCipher {
  seal(plain: Uint8Array): SealedBytes;
  /** Refuses bytes sealed with another key or changed since (the GCM tag). */
  open(sealed: SealedBytes): Uint8Array;
}

export interface IdCopyStore {
  insert(copy: IdCopy, sealed: SealedBytes): Promise<void>;
  list(visitId: string): Promise<IdCopy[]>;
  find(id: string): Promise<{ copy: IdCopy; sealed: SealedBytes } | undefined>;
}

export interface IdCopyContext {
  clock: Clock;
  random: Random;
  zone: TimeZone;
  /** Null when no key is configured (`KEFU_ID_COPY_KEY`): copies cannot be kept. */
  cipher: IdCopyCipher | null;
  store: IdCopyStore;
  audit: AuditLog;
  findVisit(id: string): Promise<Visit | undefined>;
}

export interface IdCopyReader {
  id: string | null;
  username: string;
  role: Role | null;
}

/** What the bytes are, by their first bytes (a declared type is not trusted). */
export function sniffContentType(bytes: Uint8Array): IdCopyContentType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return 'image/png';
  return null;
}

function noKey(): AppError {
  return AppError.conflict('未配置证件复印件加密密钥（KEFU_ID_COPY_KEY），不能保存或查看复印件 / ID copies need KEFU_ID_COPY_KEY to be configured');
}

/** Keeps a copy for a visit, sealed. No purpose, an empty or non-image file, or one too large: 400 naming the field. */
export async function storeIdCopy(ctx: IdCopyContext, visitId: string, input: { purpose?: string | null; content: Uint8Array }, actor: { username: string }): Promise<IdCopy> {
  const purpose = requiredText(input.purpose, 'purpose', '留存复印件的用途', 'the purpose the copy is kept for');
  if ([...purpose].length > 100) {
    const message = '用途不超过100个字 / the purpose is at most 100 characters';
    throw AppError.validation(message, [{ path: 'purpose', message, code: 'too_long', params: { maximum: 100 } }]);
  }
  const contentType = sniffContentType(input.content);
  if (!contentType) {
    const message = '复印件应为 JPEG 或 PNG 图片 / the copy must be a JPEG or PNG image';
    throw AppError.validation(message, [{ path: 'content', message, code: 'file_type', params: { values: 'JPEG, PNG' } }]);
  }
  if (input.content.length > ID_COPY_MAX_BYTES) {
    const message = `复印件不超过 ${ID_COPY_MAX_BYTES / 1024 / 1024} MB / the copy is at most ${ID_COPY_MAX_BYTES / 1024 / 1024} MB`;
    throw AppError.validation(message, [{ path: 'content', message, code: 'too_big', params: { maximum: `${ID_COPY_MAX_BYTES / 1024 / 1024} MB` } }]);
  }
  if (!ctx.cipher) throw noKey();
  if (!(await ctx.findVisit(visitId))) throw AppError.notFound('来访 / visit');
  const now = ctx.clock.now();
  const copy: IdCopy = { id: newId(ctx.random, now, 'idc_'), visitId, purpose, contentType, size: input.content.length, storedBy: actor.username, storedAt: now };
  await ctx.store.insert(copy, ctx.cipher.seal(input.content));
  await ctx.audit.record({ actor: { id: null, name: actor.username }, action: 'visit.id_copy_stored', target: { type: 'visit', id: visitId }, detail: { copyId: copy.id, purpose } });
  return copy;
}

/** The watermark every view carries: 再次复印无效, the date and time of the view, the purpose, who viewed. */
export function idCopyWatermark(copy: IdCopy, viewer: string, at: number, zone: TimeZone): string[] {
  return ['再次复印无效', `${formatInstant(at, zone).slice(0, 16).replace('T', ' ')} 仅供${copy.purpose}使用`, `查看人 ${viewer}`];
}

/**
 * Opens a copy for one reader: refused (403) unless their role may see ID numbers (the one masking
 * policy), audited as `visit.id_copy_viewed` before anything is shown, and handed out only with
 * its watermark lines (the adapter draws them over the image; the bare bytes never leave).
 */
export async function viewIdCopy(ctx: IdCopyContext, copyId: string, reader: IdCopyReader, ip: string | null): Promise<{ copy: IdCopy; content: Uint8Array; watermark: string[] }> {
  if (!mayReveal(reader.role, 'idNumber')) throw AppError.forbidden(`查看证件复印件需要以下角色之一：${revealingRoles.idNumber.join('、')} / viewing ID copies needs one of the roles: ${revealingRoles.idNumber.join(', ')}`);
  const found = await ctx.store.find(copyId);
  if (!found) throw AppError.notFound('证件复印件 / ID copy');
  if (!ctx.cipher) throw noKey();
  const content = ctx.cipher.open(found.sealed);
  const now = ctx.clock.now();
  await ctx.audit.record({ actor: { id: reader.id, name: reader.username }, action: 'visit.id_copy_viewed', target: { type: 'visit', id: found.copy.visitId }, detail: { copyId, purpose: found.copy.purpose }, ip });
  return { copy: found.copy, content, watermark: idCopyWatermark(found.copy, reader.username, now, ctx.zone) };
}
