import { isRole, type Role } from '../auth/roles';
import { api, ApiError, type ApiClient } from './client';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
}

function parseSession(body: unknown): Session {
  if (typeof body === 'object' && body !== null && 'user' in body) {
    const { user, csrfToken } = body as { user: unknown; csrfToken?: unknown };
    if (typeof user === 'object' && user !== null) {
      const candidate = user as Record<string, unknown>;
      const { id, username, displayName, role } = candidate;
      if ((typeof id === 'string' || typeof id === 'number') && typeof username === 'string' && isRole(role)) {
        return {
          user: {
            id: String(id),
            username,
            displayName: typeof displayName === 'string' && displayName !== '' ? displayName : username,
            role,
          },
          csrfToken: typeof csrfToken === 'string' ? csrfToken : '',
        };
      }
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
