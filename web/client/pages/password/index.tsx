// 修改密码: the current password and a new one typed twice. Forced (no way around it but sign-out) on the
// first sign-in and after an admin reset; otherwise reached from the user menu.
import { useState } from 'preact/hooks';
import { TextField } from '../../components/fields';
import { problemText } from '../../components/form-problems';
import { PageHeader } from '../../components/page';
import { Notice } from '../../components/states';
import { api, ApiError } from '../../shell/api';
import { useSession } from '../../shell/session';

const minLength = 12;

export default function PasswordPage({ forced = false }: { forced?: boolean }) {
  const { refresh, logout, user } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (next.length < minLength) problems.newPassword = `新密码至少${minLength}位`;
    if (again !== next) problems.again = '两次输入的新密码不一致';
    setFields(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    setMessage(null);
    try {
      await api.post('/api/account/password', { currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setAgain('');
      setMessage({ kind: 'success', text: '密码已修改。其他设备上的登录已失效。' });
      await refresh();
    } catch (err) {
      if (err instanceof ApiError) {
        setFields(err.fields);
        setMessage({
          kind: 'error',
          text: problemText(err, { currentPassword: '当前密码', newPassword: '新密码' }),
        });
      } else setMessage({ kind: 'error', text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const form = (
    <form class="card narrow" onSubmit={submit}>
      {forced && (
        <Notice kind="warning">
          {user?.displayName}
          ，您正在使用初始密码或管理员重置的密码。请先设置自己的新密码，然后才能继续使用系统。
        </Notice>
      )}
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <TextField
        label="当前密码"
        type="password"
        autoComplete="current-password"
        value={current}
        onValue={setCurrent}
        error={fields.currentPassword}
        required
        autoFocus
      />
      <TextField
        label="新密码"
        type="password"
        autoComplete="new-password"
        value={next}
        onValue={setNext}
        error={fields.newPassword}
        hint={`至少${minLength}位，不能与用户名相同，不能是常见或容易猜到的密码`}
        required
      />
      <TextField
        label="再次输入新密码"
        type="password"
        autoComplete="new-password"
        value={again}
        onValue={setAgain}
        error={fields.again}
        required
      />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? '正在保存…' : '修改密码'}
        </button>
        {forced && (
          <button type="button" class="btn" onClick={() => void logout()}>
            退出登录
          </button>
        )}
      </div>
    </form>
  );

  if (forced)
    return (
      <main class="login-page" id="main">
        <div class="standalone-card">
          <h1>设置新密码</h1>
          {form}
        </div>
      </main>
    );
  return (
    <>
      <PageHeader title="修改密码" />
      {form}
    </>
  );
}
