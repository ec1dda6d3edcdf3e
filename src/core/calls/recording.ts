import type { FieldError, FieldErrorCode, FieldErrorParams } from '../shared/app-error.js';
import type { Role } from '../users/roles.js';
import type { CallRecord } from './call-record.js';
import { maySeeCall, type CallReader } from './call-scope.js';

/**
 * A call's recording (录音) as Kefu knows it: only a reference the PBX gave — an http(s) URL, or a
 * path relative to the recordings base (`KEFU_RECORDINGS_URL`, where the PBX's recordings are
 * served). Kefu never stores audio; the browser loads it from there.
 */

/** Longest reference kept (a URL with a dated directory tree fits many times over). */
export const MAX_RECORDING_REFERENCE = 1000;

/** Roles that may listen to any call they see; an agent only to a call they answered (the call scope). */
export const recordingListeners: readonly Role[] = ['supervisor', 'qa', 'manager', 'admin'];

/** Why a reference is refused: the sentence, and its field error code for a form in the reader's language. */
export interface RecordingProblem {
  message: string;
  code: Extract<FieldErrorCode, 'required' | 'too_long' | 'invalid_recording' | 'recording_needs_url'>;
  params?: FieldErrorParams;
}

const invalid = (message: string): RecordingProblem => ({ message, code: 'invalid_recording' });

/**
 * Why a reference is refused, in the words a supervisor or a PBX integrator reads in the 400; undefined
 * when it is acceptable. `base` is the configured recordings base (null: none, so only full URLs).
 */
export function recordingReferenceProblem(reference: string, base: string | null): string | undefined {
  return referenceProblem(reference, base)?.message;
}

/** The same check as a field error of `path` (the API's 400 names the field and its code). */
export function recordingReferenceFieldError(reference: string, base: string | null, path: string): FieldError | undefined {
  const p = referenceProblem(reference, base);
  return p && { path, ...p };
}

function referenceProblem(reference: string, base: string | null): RecordingProblem | undefined {
  if (reference.trim() === '') return { message: '录音地址不能为空', code: 'required' };
  if (reference.length > MAX_RECORDING_REFERENCE) return { message: `录音地址过长（最多 ${MAX_RECORDING_REFERENCE} 个字符）`, code: 'too_long', params: { maximum: MAX_RECORDING_REFERENCE } };
  // Control characters and spaces at the ends are a mangled value, never a file name.
  if ([...reference].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) || reference !== reference.trim()) return invalid('录音地址含有控制字符或首尾空白');
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(reference)?.[1];
  if (scheme !== undefined) {
    if (!/^https?$/i.test(scheme)) return invalid(`录音地址只能是 http(s) 地址或录音目录下的相对路径，不接受 ${scheme}: 地址`);
    let url: URL;
    try {
      url = new URL(reference);
    } catch {
      return invalid('录音地址不是有效的 http(s) 地址');
    }
    if (url.hostname === '') return invalid('录音地址不是有效的 http(s) 地址');
    // The URL goes to every browser that plays it: a password in it would go along.
    if (url.username !== '' || url.password !== '') return invalid('录音地址不能带用户名或密码（会随地址发到浏览器）');
    return undefined;
  }
  if (base === null) return { message: '未配置录音目录地址（KEFU_RECORDINGS_URL），录音只能填写完整的 http(s) 地址', code: 'recording_needs_url' };
  if (reference.startsWith('/') || reference.startsWith('\\')) return invalid('录音路径须是录音目录（KEFU_RECORDINGS_URL）下的相对路径，不能以 / 开头');
  if (reference.includes('\\')) return invalid('录音路径请用 / 分隔目录，不能含 \\');
  // `..` would climb out of the recordings directory on the server that serves it.
  if (reference.split('/').some((s) => s === '..' || s === '.' || s === '')) return invalid('录音路径不能含 .、.. 或空的目录名：只能是录音目录下的相对路径');
  if (/[?#]/.test(reference)) return invalid('录音路径不能含 ? 或 #');
  return undefined;
}

/** The URL a browser loads for a reference already accepted by `recordingReferenceProblem`; null when it cannot be resolved (a path with no base). */
export function recordingUrl(reference: string, base: string | null): string | null {
  if (/^https?:/i.test(reference)) return reference;
  if (base === null) return null;
  // Each directory and the file name are encoded on their own (a Chinese queue name, a space), the slashes kept.
  const path = reference.split('/').map(encodeURIComponent).join('/');
  return `${base.endsWith('/') ? base : `${base}/`}${path}`;
}

/** Whether the reader may listen to the call: the listening roles for any call they see, an agent for a call they answered. */
export function mayListen(reader: CallReader, call: Pick<CallRecord, 'agent'>): boolean {
  if (reader.role === null || !maySeeCall(reader, call)) return false;
  return reader.role === 'agent' || recordingListeners.includes(reader.role);
}
