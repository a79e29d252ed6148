// 登录: username and password; the server's own message on failure (wrong password, locked, too many tries).
// After sign-in the user stays on the URL they opened (a link from a mail), or lands on their home page.
import { useState } from 'preact/hooks';
import { TextField } from '../../components/fields';
import { problemText } from '../../components/form-problems';
import { Notice } from '../../components/states';
import { ApiError } from '../../shell/api';
import { useSession } from '../../shell/session';
import { appName, useTitle } from '../../shell/title';

export default function LoginPage() {
  useTitle('登录');
  const { login } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<{
    title: string;
    detail?: string;
    fields: Record<string, string>;
  } | null>(null);
  const [busy, setBusy] = useState(false);

  return (
    <main class="login-page" id="main">
      <form
        class="login-card"
        aria-labelledby="login-title"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            await login(username.trim(), password);
          } catch (err) {
            setPassword('');
            if (err instanceof ApiError)
              setError({
                title: err.title,
                detail: Object.keys(err.fields).length
                  ? problemText(err, { username: '用户名', password: '密码' })
                  : err.detail,
                fields: err.fields,
              });
            else setError({ title: '登录失败', detail: (err as Error).message, fields: {} });
          } finally {
            setBusy(false);
          }
        }}
      >
        <h1 id="login-title">{appName}</h1>
        <p class="login-subtitle">区委政法委 · 涉企维权工作平台</p>
        {error && (
          <Notice kind="error">
            <strong>{error.title}</strong>
            {error.detail && <span>：{error.detail}</span>}
          </Notice>
        )}
        <TextField
          label="用户名"
          name="username"
          autoComplete="username"
          value={username}
          onValue={setUsername}
          error={error?.fields.username}
          autoFocus
          required
        />
        <TextField
          label="密码"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          error={error?.fields.password}
          required
        />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </button>
        <p class="login-help">忘记密码或账户被锁定，请联系系统管理员。</p>
      </form>
    </main>
  );
}
