import type { Session, SessionUser } from '@contract/auth';
import { isRole } from '../auth/roles';
import { api, ApiError, type ApiClient } from './client';

// The session shapes are the server's (src/contract/auth.ts): the user, and the kinds of personal
// data they may reveal (`mayReveal`), so no screen restates who may.
export type { Session, SessionUser, PersonalDataKind } from '@contract/auth';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function parseSession(body: unknown): Session {
  if (isRecord(body) && isRecord(body.user)) {
    const user = body.user as Partial<SessionUser> & { id?: unknown };
    if ((typeof user.id === 'string' || typeof user.id === 'number') && typeof user.username === 'string' && isRole(user.role)) {
      return {
        user: {
          ...(user as SessionUser),
          id: String(user.id),
          displayName: typeof user.displayName === 'string' && user.displayName !== '' ? user.displayName : user.username,
          // A server that does not say lets nobody reveal: the safe reading.
          mayReveal: Array.isArray(user.mayReveal) ? user.mayReveal : [],
        },
        csrfToken: typeof body.csrfToken === 'string' ? body.csrfToken : '',
      };
    }
  }
  // A shape we do not understand must not log anyone in with a half-known role.
  throw new ApiError(200, 'INTERNAL', 'Unexpected session response from the server');
}

export function createAuthApi(client: ApiClient) {
  return {
    async login(username: string, password: string): Promise<Session> {
      return parseSession(await client.post<unknown>('/api/auth/login', { username, password }));
    },
    async logout(): Promise<void> {
      await client.post<void>('/api/auth/logout');
    },
    /** The current session, or null when nobody is logged in. */
    async me(): Promise<Session | null> {
      try {
        const body = await client.get<unknown>('/api/auth/me');
        // The server answers `user: null` for a visitor who is not signed in.
        if (typeof body === 'object' && body !== null && (body as { user?: unknown }).user === null) return null;
        return parseSession(body);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
  };
}

export type AuthApi = ReturnType<typeof createAuthApi>;

export const authApi: AuthApi = createAuthApi(api);
