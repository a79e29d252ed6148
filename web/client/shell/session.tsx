// Who is signed in, shared by every page: loaded from GET /api/session at start, changed by login, logout and
// the password change. Keeps the CSRF token the API layer sends with every change.
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { api, apiHooks } from './api';

export type Role = 'coordinator' | 'unit-user' | 'unit-lead' | 'leader' | 'admin';

export interface SessionUser {
  username: string;
  displayName: string;
  role: Role;
  mustChangePassword: boolean;
  unit: { code: string; name: string; shortName: string } | null;
}

interface SessionAnswer {
  user: SessionUser | null;
  csrfToken: string;
  expiresAt?: string;
}

export interface Session {
  loading: boolean;
  loadError: string | null;
  user: SessionUser | null;
  login(username: string, password: string): Promise<SessionUser>;
  logout(): Promise<void>;
  /** Reload the session (after a password change, or to retry a failed start). */
  refresh(): Promise<void>;
}

export const roleNames: Record<Role, string> = {
  coordinator: '专班办公室',
  'unit-user': '成员单位工作人员',
  'unit-lead': '成员单位负责人',
  leader: '专班领导',
  admin: '系统管理员',
};

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in user; only for pages rendered behind the sign-in gate. */
export function useUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [state, setState] = useState<{
    loading: boolean;
    loadError: string | null;
    user: SessionUser | null;
  }>({
    loading: true,
    loadError: null,
    user: null,
  });

  const apply = useCallback((answer: SessionAnswer) => {
    apiHooks.csrfToken = answer.csrfToken;
    apiHooks.signedIn = !!answer.user;
    setState({ loading: false, loadError: null, user: answer.user });
  }, []);

  const refresh = useCallback(async () => {
    try {
      apply(await api.get<SessionAnswer>('/api/session'));
    } catch (e) {
      setState({ loading: false, loadError: (e as Error).message, user: null });
    }
  }, [apply]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const login = useCallback(
    async (username: string, password: string) => {
      // A fresh pre-session CSRF token (the old one died with the session); the page state stays as it is, so a
      // re-login over a half-filled form does not unmount it.
      apiHooks.csrfToken = (await api.get<SessionAnswer>('/api/session', { noRelogin: true })).csrfToken;
      const answer = await api.post<SessionAnswer>('/api/login', { username, password }, { noRelogin: true });
      apply(answer);
      return answer.user as SessionUser;
    },
    [apply],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/logout', {}, { noRelogin: true });
    } finally {
      apiHooks.signedIn = false;
      await refresh();
    }
  }, [refresh]);

  return (
    <SessionContext.Provider value={{ ...state, login, logout, refresh }}>{children}</SessionContext.Provider>
  );
}
