// When the session expires while a page is open, this dialog asks for the password again over the page — the
// page stays mounted, so a half-filled form keeps what was typed — and the request that hit the expiry is
// retried once the user is back.
import { useEffect, useState } from 'preact/hooks';
import { Dialog } from '../components/dialog';
import { TextField } from '../components/fields';
import { apiHooks, ApiError } from './api';
import { useSession } from './session';

export function ReloginDialog() {
  const { user, login, logout } = useSession();
  const [waiting, setWaiting] = useState<((ok: boolean) => void)[]>([]);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    apiHooks.relogin = () => new Promise<boolean>((resolve) => setWaiting((w) => [...w, resolve]));
    return () => {
      apiHooks.relogin = undefined;
    };
  }, []);

  const settle = (ok: boolean) => {
    waiting.forEach((r) => r(ok));
    setWaiting([]);
    setPassword('');
    setError(undefined);
  };

  if (!user) return null;
  return (
    <Dialog open={waiting.length > 0} title="登录已过期" dismissable={false}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          try {
            await login(user.username, password);
            settle(true);
          } catch (err) {
            setError(err instanceof ApiError ? (err.detail ?? err.title) : '登录失败，请重试');
          } finally {
            setBusy(false);
          }
        }}
      >
        <p>为了安全，长时间未操作后需要重新验证身份。页面上已填写的内容会保留。</p>
        <p>
          用户：<strong>{user.displayName}</strong>（{user.username}）
        </p>
        <TextField
          label="密码"
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          error={error}
          autoFocus
          required
        />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={busy || !password}>
            {busy ? '正在登录…' : '继续'}
          </button>
          <button
            type="button"
            class="btn"
            onClick={() => {
              settle(false);
              void logout();
            }}
          >
            退出
          </button>
        </div>
      </form>
    </Dialog>
  );
}
