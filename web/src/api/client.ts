import type { ErrorCode, FieldError, FieldErrorCode } from '@contract/common';
import { everyMemberOf } from './contract-lists';

/** Error codes of the contract's error shape (CONTRACT.md → HTTP API → Errors): the server's list, checked. */
export const serverErrorCodes = everyMemberOf<ErrorCode>()(['VALIDATION', 'NOT_FOUND', 'UNAUTHENTICATED', 'FORBIDDEN', 'CONFLICT', 'RATE_LIMITED', 'PAYLOAD_TOO_LARGE', 'UNAVAILABLE', 'INTERNAL']);
export type ServerErrorCode = ErrorCode;
/** `NETWORK`: no HTTP answer at all (server down, connection lost) — only the client can say that. */
export type ApiErrorCode = ServerErrorCode | 'NETWORK';

/** What is wrong with a field (the server's list, checked): screens word it as `fieldError.<code>`. */
export const fieldErrorCodes = everyMemberOf<FieldErrorCode>()([
  'required', 'invalid_type', 'too_short', 'too_long', 'too_few', 'too_many', 'too_small', 'too_big', 'invalid_format', 'one_of', 'unknown_keys',
  'invalid_phone', 'not_found',
  'ends_before_start', 'zero_length', 'overlaps', 'only_with', 'out_of_order', 'invalid_recording', 'recording_needs_url',
  'password_too_short', 'password_same_as_username', 'password_common', 'wrong_password', 'invalid_username', 'not_self', 'file_type',
  'selects_none', 'no_callable_time', 'no_agents', 'task_closed', 'campaign_planned', 'own_team_only', 'call_not_linked',
  'call_already_recorded', 'call_not_answered', 'attempt_time', 'check_not_applicable', 'check_not_failed', 'check_not_appealed',
  'wrong_recognizer', 'looks_like_recognizer', 'no_agent_channel',
  'duplicate', 'taken',
  'invalid_date', 'invalid_time', 'invalid_duration', 'unknown_time_zone', 'default_required', 'no_business_hours',
  'not_in_year', 'stale_version', 'unread_bulletin', 'invalid_yaml', 'unknown_phrase_set', 'unknown_variable', 'invalid_regex', 'empty_phrase_set',
  'min_above_max', 'requires_when', 'no_calling_hours',
  'not_in_future', 'vague_description', 'invalid',
]);

/** One bad field; `line`/`place` where the input was a source text (a standard pack). */
export type { FieldError } from '@contract/common';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status; 0 when no response arrived. */
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly fields: readonly FieldError[] = [],
  ) {
    super(message);
  }

  /** The field error at `path` (the first of them), for showing it next to that field in a form through `describeFieldError`. */
  fieldError(...paths: string[]): FieldError | undefined {
    for (const path of paths) {
      const field = this.fields.find((f) => f.path === path);
      if (field) return field;
    }
    return undefined;
  }
}

export const csrfCookieName = 'kefu_csrf';
export const csrfHeaderName = 'x-csrf-token';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
}

export interface ApiClientOptions {
  /** Prefix for request paths; empty for same-origin requests from the served app. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Returns the `document.cookie` string; injected so the client also runs outside a browser. */
  readCookies?: () => string;
}

export interface ApiClient {
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  post<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  put<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  delete<T>(path: string, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  /**
   * Called when a request other than the auth endpoints answers 401, i.e. the session ended
   * (expired, logged out elsewhere). Returns an unsubscribe function.
   */
  onUnauthenticated(listener: () => void): () => void;
}

export function readCookie(cookieString: string, name: string): string | undefined {
  for (const part of cookieString.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    const raw = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

function codeForStatus(status: number): ServerErrorCode {
  switch (status) {
    case 400:
    case 422:
      return 'VALIDATION';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 429:
      return 'RATE_LIMITED';
    // The server's own 503 carries the code; this is for one that does not (a proxy's page).
    case 503:
      return 'UNAVAILABLE';
    default:
      return 'INTERNAL';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseFields(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): FieldError[] =>
    isRecord(item) && typeof item.path === 'string' && typeof item.message === 'string'
      ? [
          {
            path: item.path,
            message: item.message,
            ...(typeof item.line === 'number' && { line: item.line }),
            ...(typeof item.place === 'string' && { place: item.place }),
            ...(typeof item.code === 'string' && (fieldErrorCodes as readonly string[]).includes(item.code) && { code: item.code as FieldErrorCode }),
            ...(isRecord(item.params) && { params: paramsOf(item.params) }),
          },
        ]
      : [],
  );
}

function paramsOf(value: Record<string, unknown>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number'));
}

/**
 * Reads the contract's error shape. Anything else (a proxy's HTML 502 page, an empty body) still
 * becomes a typed error, with the code derived from the status, so callers handle one kind of failure.
 */
export function errorFromResponse(status: number, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const rawCode = error?.code;
  const code =
    typeof rawCode === 'string' && (serverErrorCodes as readonly string[]).includes(rawCode)
      ? (rawCode as ServerErrorCode)
      : codeForStatus(status);
  const message = typeof error?.message === 'string' && error.message !== '' ? error.message : `HTTP ${status}`;
  return new ApiError(status, code, message, parseFields(error?.fields));
}

function buildUrl(baseUrl: string, path: string, query: RequestOptions['query']): string {
  let url = baseUrl + path;
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null) params.append(key, String(value));
    }
    const search = params.toString();
    if (search) url += (url.includes('?') ? '&' : '?') + search;
  }
  return url;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

// The session probe and the login form handle their own 401s; they must not trigger "session ended".
const authPathsWith401Meaning = ['/api/auth/login', '/api/auth/me'];

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const readCookies = options.readCookies ?? (() => (typeof document === 'undefined' ? '' : document.cookie));
  const unauthenticatedListeners = new Set<() => void>();

  async function request<T>(method: HttpMethod, path: string, requestOptions: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (requestOptions.body !== undefined) headers['content-type'] = 'application/json';
    if (!safeMethods.has(method)) {
      const csrfToken = readCookie(readCookies(), csrfCookieName);
      if (csrfToken) headers[csrfHeaderName] = csrfToken;
    }

    let response: Response;
    try {
      response = await doFetch(buildUrl(baseUrl, path, requestOptions.query), {
        method,
        headers,
        credentials: 'same-origin',
        body: requestOptions.body === undefined ? undefined : JSON.stringify(requestOptions.body),
        signal: requestOptions.signal,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : 'Network request failed');
    }

    const body = await readBody(response);
    if (response.ok) return body as T;

    const error = errorFromResponse(response.status, body);
    if (error.status === 401 && !authPathsWith401Meaning.some((authPath) => path.startsWith(authPath))) {
      for (const listener of unauthenticatedListeners) listener();
    }
    throw error;
  }

  return {
    request,
    get: (path, opts) => request('GET', path, opts),
    post: (path, body, opts) => request('POST', path, { ...opts, body }),
    put: (path, body, opts) => request('PUT', path, { ...opts, body }),
    patch: (path, body, opts) => request('PATCH', path, { ...opts, body }),
    delete: (path, opts) => request('DELETE', path, opts),
    onUnauthenticated(listener) {
      unauthenticatedListeners.add(listener);
      return () => unauthenticatedListeners.delete(listener);
    },
  };
}

/** The app's client: same origin, cookies of the page. */
export const api: ApiClient = createApiClient();
