import type { FastifyServerOptions } from 'fastify';

type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;
import { maskPersonalDataDeep, maskPersonalDataInText } from '../../core/shared/personal-data.js';

/*
 * What the request log may contain (issue #12, defect 8). The desk looks callers up with
 * `GET /api/customers?q=13812341234`, and the default request serializer writes the whole URL:
 * every caller's number ended up in the log, which is kept longer and read by more people than
 * the customer database. Here the search values are dropped, any mobile or ID number left in a
 * URL or an error (a database error's detail names the duplicate key) is masked.
 */

/** Query parameters whose value is a search for, or a piece of, personal data. */
const personalQueryParams = new Set(['q', 'phone', 'caller', 'contactphone', 'number', 'mobile', 'email', 'idnumber', 'name', 'customername']);

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** A request URL as it may be logged: personal-data search values redacted, other numbers masked. */
export function redactUrl(url: string): string {
  const mark = url.indexOf('?');
  const path = mark < 0 ? url : url.slice(0, mark);
  const safePath = maskPersonalDataInText(decode(path)) === decode(path) ? path : encodeURI(maskPersonalDataInText(decode(path)));
  if (mark < 0) return safePath;
  const query = url
    .slice(mark + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const key = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value !== '' && personalQueryParams.has(decode(key).toLowerCase())) return `${key}=[redacted]`;
      const masked = maskPersonalDataInText(decode(value));
      return masked === decode(value) ? pair : `${key}=${encodeURIComponent(masked)}`;
    })
    .join('&');
  return `${safePath}?${query}`;
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number } | null;
}

function serializeRequest(req: LoggedRequest) {
  return { method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}

function serializeError(err: unknown, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err, message: maskPersonalDataInText(String(err)), stack: '' };
  const out: Record<string, unknown> = { type: err.constructor.name, message: err.message, stack: err.stack ?? '' };
  // Own scalar properties as pino's serializer keeps them (code, detail, constraint, …).
  for (const [k, v] of Object.entries(err)) if (!(k in out) && (v === null || typeof v !== 'object')) out[k] = v;
  if (err.cause !== undefined && depth < 3) out.cause = serializeError(err.cause, depth + 1);
  return maskPersonalDataDeep(out);
}

/** The server's logger options: level, secrets redacted, the serializers above; `stream` for tests. */
export function requestLogOptions(level: string, stream?: { write(msg: string): void }): LoggerOptions {
  return {
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    serializers: { req: serializeRequest, err: serializeError } as unknown as LoggerOptions['serializers'],
    ...(stream && { stream }),
  };
}
