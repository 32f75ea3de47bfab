// The signed-in session: who the user is and what they may do, as the server says.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ApiError, AUTH_REQUIRED_EVENT, api } from './api.ts';
import type { CurrentUser } from './api.ts';
import { FullPageSpin } from './components/FullPageSpin.tsx';

export interface Session {
  user: CurrentUser;
  permissions: string[];
}

type AuthState = { status: 'loading' } | { status: 'anonymous' } | { status: 'signedIn'; session: Session };

interface AuthContextValue {
  state: AuthState;
  /** Reload the session from /api/auth/me; resolves to null when not signed in. */
  refresh: () => Promise<Session | null>;
  login: (username: string, password: string) => Promise<Session | null>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const session = await api.get<Session>('/api/auth/me');
      setState({ status: 'signedIn', session });
      return session;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        setState({ status: 'anonymous' });
        return null;
      }
      throw err;
    }
  }, []);

  const login = useCallback(
    async (username: string, password: string) => {
      await api.post('/api/auth/login', { username, password });
      return refresh();
    },
    [refresh],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      setState({ status: 'anonymous' });
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => setState({ status: 'anonymous' }));
    const onAuthRequired = () => setState({ status: 'anonymous' });
    window.addEventListener(AUTH_REQUIRED_EVENT, onAuthRequired);
    return () => window.removeEventListener(AUTH_REQUIRED_EVENT, onAuthRequired);
  }, [refresh]);

  const value = useMemo(() => ({ state, refresh, login, logout }), [state, refresh, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The current session; only for components rendered under <RequireAuth>. */
export function useSession(): Session {
  const { state } = useAuth();
  if (state.status !== 'signedIn') throw new Error('useSession without a session');
  return state.session;
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'anonymous') {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return <>{children}</>;
}
