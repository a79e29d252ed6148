// The app: the session decides what is shown — the sign-in page, the forced password change, or the layout
// with the page the URL names (loaded on demand). Links are plain <a href> that the router intercepts, so every
// page is a real URL that can be opened in a new tab, bookmarked or sent in a mail.
import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso/router';
import lazy, { ErrorBoundary } from 'preact-iso/lazy';
import { Empty, ErrorNotice, Loading } from '../components/states';
import LoginPage from '../pages/login';
import NotFoundPage from '../pages/not-found';
import PasswordPage from '../pages/password';
import { apiHooks } from './api';
import { Layout } from './layout';
import { homePath, mayOpen, pages, type PageDef } from './pages';
import { ReloginDialog } from './relogin';
import { SessionProvider, useSession, useUser } from './session';

// A page component takes the route's params and query; the registry types them loosely (ComponentType<never>).
const lazyPages = new Map<PageDef, ComponentType>(
  pages.map((p) => [p, lazy(p.load) as unknown as ComponentType]),
);

function Home() {
  const user = useUser();
  const { route } = useLocation();
  useEffect(() => route(homePath(user.role), true), [route, user.role]);
  return <Loading />;
}

function Forbidden() {
  return <Empty title="无权访问此页面" hint="当前角色不能打开这个页面。如需使用，请联系系统管理员。" />;
}

function Routes() {
  const user = useUser();
  const { route } = useLocation();
  useEffect(() => {
    apiHooks.passwordChangeRequired = () => route('/password');
  }, [route]);
  return (
    <Router>
      <Route path="/" component={Home} />
      {pages.map((p) => {
        const Component = lazyPages.get(p)!;
        return <Route key={p.path} path={p.path} component={mayOpen(p, user.role) ? Component : Forbidden} />;
      })}
      <Route default component={NotFoundPage} />
    </Router>
  );
}

function Gate() {
  const session = useSession();
  if (session.loading) return <Loading label="正在连接服务器…" />;
  if (session.loadError && !session.user)
    return (
      <main class="standalone">
        <ErrorNotice error={new Error(session.loadError)} retry={() => void session.refresh()} />
      </main>
    );
  if (!session.user) return <LoginPage />;
  if (session.user.mustChangePassword) return <PasswordPage forced />;
  return (
    <Layout>
      <ErrorBoundary onError={(e) => console.error(e)}>
        <Routes />
      </ErrorBoundary>
      <ReloginDialog />
    </Layout>
  );
}

export function App() {
  return (
    <SessionProvider>
      <LocationProvider>
        <Gate />
      </LocationProvider>
    </SessionProvider>
  );
}
