import path from 'node:path';
import { z } from 'zod';
import type { PasswordPolicy } from './core/users/password-policy.js';

/**
 * The one typed configuration object, read from the environment once, at the edge. Every value
 * has a working local default so `npm start` needs no set-up; a bad value stops start-up with a
 * message that names the variable.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  timeZone: string;
  adminPassword: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Largest accepted request body, bytes. */
  bodyLimit: number;
  /** Session lifetime, ms. */
  sessionTtlMs: number;
  /** Failed logins allowed per client address per minute before 429. */
  loginAttemptsPerMinute: number;
  /** Whether the session cookie carries `Secure` (behind HTTPS). */
  secureCookies: boolean;
  /** Strength rule for new passwords: minimum length, and whether the most common ones are refused. */
  passwordPolicy: PasswordPolicy;
  /**
   * Which proxies' `X-Forwarded-For`/`-Proto`/`-Host` to believe (Fastify's `trustProxy`): false
   * (default: the socket's address is the client), a number of hops, or addresses/CIDRs of the
   * proxies. Rate limits and the audit log see the client's address through it.
   */
  trustProxy: boolean | number | string[];
  /**
   * PostgreSQL: where the one LISTEN connection per process goes when DATABASE_URL points at a
   * PgBouncer in transaction mode (LISTEN needs a session: a direct or session-mode connection).
   * Default: DATABASE_URL.
   */
  listenDatabaseUrl: string | undefined;
  /**
   * VS-PRIVACY: the AES-256 key (32 bytes, base64) that seals walk-in ID copies at rest. Unset: ID
   * copies cannot be kept (the feature is off); a new key cannot open copies sealed with the old one.
   */
  idCopyKey: string | undefined;
  /**
   * Issue #18: where the PBX's recordings are served (http(s), e.g. `https://pbx.example.cn/monitor/`).
   * A call's recording given as a relative path is found under it, and the browser may load audio
   * from its origin (CSP `media-src`). Unset: only full http(s) recording URLs are accepted. Kefu
   * stores no audio.
   */
  recordingsUrl: string | undefined;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/**
 * The defaults, written once: the schema below uses them and help texts (e.g. the CLI's `--tz`)
 * quote them, so a changed default cannot leave a stale copy behind.
 */
export const configDefaults = {
  port: 3000,
  host: '127.0.0.1',
  dataDir: './data',
  timeZone: 'Asia/Shanghai',
  logLevel: 'info',
  bodyLimit: 1024 * 1024,
  sessionHours: 12,
  loginAttemptsPerMinute: 20,
  secureCookies: 'false',
} as const;

const envSchema = z.object({
  PORT: int(0, 65535).default(configDefaults.port),
  HOST: z.string().min(1).default(configDefaults.host),
  KEFU_DATA_DIR: z.string().min(1).default(configDefaults.dataDir),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  KEFU_TZ: z.string().refine(isTimeZone, 'is not an IANA time zone (e.g. Asia/Shanghai)').default(configDefaults.timeZone),
  KEFU_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  KEFU_ID_COPY_KEY: z
    .string()
    .refine((s) => /^[A-Za-z0-9+/]+={0,2}$/.test(s) && Buffer.from(s, 'base64').length === 32, 'must be 32 random bytes as base64 (openssl rand -base64 32)')
    .optional(),
  KEFU_RECORDINGS_URL: z
    .string()
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '' && u.search === '' && u.hash === '';
      } catch {
        return false;
      }
    }, 'must be an http(s) URL without credentials, query or fragment (e.g. https://pbx.example.cn/monitor/)')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default(configDefaults.logLevel),
  KEFU_BODY_LIMIT: int(1024, 1024 * 1024 * 1024).default(configDefaults.bodyLimit),
  KEFU_SESSION_HOURS: int(1, 24 * 90).default(configDefaults.sessionHours),
  KEFU_LOGIN_ATTEMPTS_PER_MINUTE: int(1, 10_000).default(configDefaults.loginAttemptsPerMinute),
  KEFU_SECURE_COOKIES: z.enum(['true', 'false']).default(configDefaults.secureCookies),
  KEFU_PASSWORD_MIN_LENGTH: int(6, 128).default(8),
  KEFU_PASSWORD_REJECT_COMMON: z.enum(['true', 'false']).default('true'),
  KEFU_LISTEN_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  KEFU_TRUST_PROXY: z
    .string()
    .refine(
      (v) => /^(true|false|\d{1,2})$/.test(v) || v.split(',').every((p) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(p.trim()) || ['loopback', 'linklocal', 'uniquelocal'].includes(p.trim())),
      'must be false, true, a number of proxy hops, or the proxies\' addresses/CIDRs separated by commas (e.g. 127.0.0.1,10.0.0.0/8)',
    )
    .default('false'),
});

/**
 * How a rejected value is quoted in the error. Error messages end up in terminals, CI logs and log
 * collectors, so a secret is never echoed: the admin password is described by its length only, and a
 * database URL keeps its shape with the password masked (`postgres://kefu:***@db/kefu`).
 */
function quoteRejected(name: string, value: string | undefined): string {
  if (value === undefined) return 'unset';
  switch (name) {
    case 'KEFU_ADMIN_PASSWORD':
    case 'KEFU_ID_COPY_KEY':
      return `${[...value].length} characters, not shown`;
    case 'DATABASE_URL':
    case 'KEFU_LISTEN_DATABASE_URL':
    case 'KEFU_RECORDINGS_URL': {
      const masked = value.replace(/^([^:/?#]+:\/\/[^:/@]*):[^@/]*@/, '$1:***@');
      return masked === value && value.includes('@') ? 'a value with credentials, not shown' : JSON.stringify(masked);
    }
    default:
      return JSON.stringify(value);
  }
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): Config {
  // Empty strings mean "unset": shells and compose files often export VAR= .
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message} (got ${quoteRejected(String(i.path[0]), cleaned[String(i.path[0])])})`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(cwd, e.KEFU_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    timeZone: e.KEFU_TZ,
    adminPassword: e.KEFU_ADMIN_PASSWORD,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.KEFU_BODY_LIMIT,
    sessionTtlMs: e.KEFU_SESSION_HOURS * 3600_000,
    loginAttemptsPerMinute: e.KEFU_LOGIN_ATTEMPTS_PER_MINUTE,
    secureCookies: e.KEFU_SECURE_COOKIES === 'true',
    passwordPolicy: { minLength: e.KEFU_PASSWORD_MIN_LENGTH, rejectCommon: e.KEFU_PASSWORD_REJECT_COMMON === 'true' },
    trustProxy: parseTrustProxy(e.KEFU_TRUST_PROXY),
    listenDatabaseUrl: e.KEFU_LISTEN_DATABASE_URL,
    idCopyKey: e.KEFU_ID_COPY_KEY,
    recordingsUrl: e.KEFU_RECORDINGS_URL === undefined ? undefined : e.KEFU_RECORDINGS_URL.endsWith('/') ? e.KEFU_RECORDINGS_URL : `${e.KEFU_RECORDINGS_URL}/`,
  };
}

function parseTrustProxy(v: string): boolean | number | string[] {
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (/^\d{1,2}$/.test(v)) return Number(v);
  return v.split(',').map((p) => p.trim()).filter((p) => p !== '');
}
