// The frame every page shares: a skip link, the header with the navigation the user's role may use, the
// business-key search box, the user's name and unit with the password change and sign-out, and the page.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { useNavBadges } from './nav-badges';
import { navFor } from './pages';
import { roleNames, useSession, useUser } from './session';
import { appName } from './title';

function isActive(current: string, path: string): boolean {
  return current === path || current.startsWith(`${path}/`);
}

function SearchBox() {
  const { route, path, query } = useLocation();
  const [q, setQ] = useState(path === '/search' ? (query.q ?? '') : '');
  return (
    <form
      class="header-search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        const term = q.trim();
        if (term) route(`/search?q=${encodeURIComponent(term)}`);
      }}
    >
      <label for="header-search" class="visually-hidden">
        按编号或企业名称查找
      </label>
      <input
        id="header-search"
        type="search"
        placeholder="案件号、信访编号、台账编号、周次、企业名称"
        value={q}
        onInput={(e) => setQ((e.target as HTMLInputElement).value)}
      />
      <button type="submit" class="btn btn-quiet">
        查找
      </button>
    </form>
  );
}

/** The user menu closes as menus do: on Esc (focus back on its button), on a click elsewhere, when focus leaves. */
function useMenuClosing(open: boolean, close: () => void) {
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  // A layout effect listens from the very render that opens the menu. A plain effect waits for the next paint,
  // and focus that moved on before then left the menu open.
  useLayoutEffect(() => {
    if (!open) return;
    const outside = (e: Event) => {
      if (!box.current?.contains(e.target as Node)) close();
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('focusin', outside);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('focusin', outside);
    };
  }, [open]);
  const onKeyDown = (e: KeyboardEvent) => {
    if (open && e.key === 'Escape') {
      close();
      button.current?.focus();
    }
  };
  return { box, button, onKeyDown };
}

export function Layout({ children }: { children: ComponentChildren }) {
  const user = useUser();
  const { logout } = useSession();
  const { path } = useLocation();
  const nav = navFor(user.role);
  const badges = useNavBadges(nav.map((n) => n.path));
  const [menuOpen, setMenuOpen] = useState(false);
  const menu = useMenuClosing(menuOpen, () => setMenuOpen(false));
  return (
    <div class="app">
      <a class="skip-link" href="#main">
        跳到主要内容
      </a>
      <header class="app-header">
        <div class="header-top">
          <a class="brand" href="/">
            {appName}
          </a>
          <SearchBox />
          <div class="user-menu" ref={menu.box} onKeyDown={menu.onKeyDown}>
            <button
              ref={menu.button}
              type="button"
              class="user-button"
              aria-expanded={menuOpen}
              aria-controls="user-menu-list"
              onClick={() => setMenuOpen(!menuOpen)}
            >
              <span class="user-name">{user.displayName}</span>
              <span class="user-unit">{user.unit?.shortName ?? roleNames[user.role]}</span>
            </button>
            {menuOpen && (
              <ul id="user-menu-list" class="user-menu-list" onClick={() => setMenuOpen(false)}>
                <li class="user-menu-role">{roleNames[user.role]}</li>
                <li>
                  <a href="/password">修改密码</a>
                </li>
                <li>
                  <button type="button" onClick={() => void logout()}>
                    退出登录
                  </button>
                </li>
              </ul>
            )}
          </div>
        </div>
        <nav class="app-nav" aria-label="主导航">
          <ul>
            {nav.map((item) => (
              <li key={item.path}>
                <a href={item.path} aria-current={isActive(path, item.path) ? 'page' : undefined}>
                  {item.label}
                  {badges[item.path] ? (
                    <span class="nav-badge" aria-label={`${badges[item.path]} 项`}>
                      {badges[item.path]}
                    </span>
                  ) : null}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" class="app-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
