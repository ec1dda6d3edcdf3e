import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { authApi, type SessionUser } from '../api/auth-api';
import { api } from '../api/client';
import { forgetNames } from '../shared/use-names';

export type AuthState =
  | { status: 'checking' }
  // 'logged-out': this user chose to leave, so the next login should not resume their last page.
  | { status: 'anonymous'; reason: 'no-session' | 'logged-out' | 'session-expired' | 'check-failed' }
  | { status: 'authenticated'; user: SessionUser };

interface AuthValue {
  state: AuthState;
  /** Throws the ApiError of a failed login so the form can say why. */
  login: (username: string, password: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'checking' });

  useEffect(() => {
    let cancelled = false;
    authApi
      .me()
      .then((session) => {
        if (cancelled) return;
        setState(session ? { status: 'authenticated', user: session.user } : { status: 'anonymous', reason: 'no-session' });
      })
      .catch(() => {
        // Server unreachable: show the login page, whose submit will report the actual error.
        if (!cancelled) setState({ status: 'anonymous', reason: 'check-failed' });
      });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(
    () =>
      api.onUnauthenticated(() => {
        setState((current) =>
          current.status === 'authenticated' ? { status: 'anonymous', reason: 'session-expired' } : current,
        );
      }),
    [],
  );

  const login = useCallback(async (username: string, password: string) => {
    const session = await authApi.login(username, password);
    // Another user may sign in on this screen: the names they may read are read anew.
    forgetNames();
    setState({ status: 'authenticated', user: session.user });
    return session.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      // Even if the server cannot be reached, this screen must stop acting as the user.
      forgetNames();
      setState({ status: 'anonymous', reason: 'logged-out' });
    }
  }, []);

  const value = useMemo<AuthValue>(() => ({ state, login, logout }), [state, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** For screens rendered only inside the authenticated layout. */
export function useCurrentUser(): SessionUser {
  const { state } = useAuth();
  if (state.status !== 'authenticated') throw new Error('useCurrentUser needs an authenticated session');
  return state.user;
}
