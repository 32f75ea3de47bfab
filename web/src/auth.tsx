// The signed-in session: who the user is and what they may do, as the server says.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ApiError, AUTH_REQUIRED_EVENT, api } from './api.ts';
import type { Session } from './api/types.ts';
import { FullPageSpin } from './components/FullPageSpin.tsx';
import { regionContains } from '../../src/platform/scope.ts';

export type { Session };

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
      const session = await api.get('/api/auth/me');
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
      await api.post('/api/auth/login', { body: { username, password } });
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

/**
 * Whether the signed-in account holds a permission in any of its grants: for showing a menu entry, page or button only
 * to those who may use it. A record's own region and department are asked with canIn; the server decides either way.
 */
export function useCan(): (permission: string) => boolean {
  const { permissions } = useSession();
  return useCallback((permission: string) => (permissions as readonly string[]).includes(permission), [permissions]);
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

/**
 * Whether the session may use `permission` on a record of this region and department, as the server decides: each
 * grant comes from /api/auth/me with the permissions it gives, and a grant covers a record inside its region and,
 * when it names one, its department (the server's `can`, src/platform/permissions.ts, stays the authority).
 */
export function canIn(session: Session, permission: string, scope: { regionCode: string | null; departmentId?: number | null }): boolean {
  return session.grants.some(
    (g) =>
      g.permissions.includes(permission) &&
      (!g.regionCode || (scope.regionCode !== null && regionContains(g.regionCode, scope.regionCode))) &&
      (g.departmentId === null || scope.departmentId === undefined || g.departmentId === scope.departmentId),
  );
}
