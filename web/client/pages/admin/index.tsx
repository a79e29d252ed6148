// 管理 · 用户: every account with role, unit and state; create one, change its role, unit, contact or state,
// reset its password (the user must change it at next sign-in) and lift a lock-out.
import { useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog';
import { SelectField, TextField } from '../../components/fields';
import { PageHeader } from '../../components/page';
import { ErrorNotice, Loading, Notice } from '../../components/states';
import { useApi } from '../../components/use-api';
import { api } from '../../shell/api';
import { formatDateTime } from '../../shell/format';
import { roleNames, type Role } from '../../shell/session';
import { AdminTabs } from './tabs';
import { useSave } from './use-save';

interface User {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  role: Role;
  active: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  unit: { code: string; shortName: string } | null;
}
interface Unit {
  code: string;
  shortName: string;
}

const roleOptions = (Object.keys(roleNames) as Role[]).map((r) => ({ value: r, label: roleNames[r] }));

const userLabels = {
  username: '用户名',
  displayName: '姓名',
  role: '角色',
  unitCode: '所属单位',
  email: '邮箱',
  phone: '电话',
  password: '初始密码',
  active: '启用',
};

function UserDialog({
  user,
  units,
  onClose,
  onSaved,
}: {
  user: User | 'new';
  units: Unit[];
  onClose(): void;
  onSaved(): void;
}) {
  const isNew = user === 'new';
  const [form, setForm] = useState({
    username: isNew ? '' : user.username,
    displayName: isNew ? '' : user.displayName,
    role: isNew ? 'unit-user' : user.role,
    unitCode: isNew ? '' : (user.unit?.code ?? ''),
    email: isNew ? '' : (user.email ?? ''),
    phone: isNew ? '' : (user.phone ?? ''),
    password: '',
    active: isNew ? true : user.active,
  });
  const save = useSave(userLabels);
  const set = (k: keyof typeof form) => (v: string | boolean) => setForm({ ...form, [k]: v });
  const submit = async (e: Event) => {
    e.preventDefault();
    const common = {
      displayName: form.displayName,
      role: form.role,
      unitCode: form.unitCode || null,
      email: form.email || null,
      phone: form.phone || null,
    };
    const ok = await save.run(
      () =>
        isNew
          ? api.post('/api/admin/users', { ...common, username: form.username, password: form.password })
          : api.patch(`/api/admin/users/${user.id}`, { ...common, active: form.active }),
      '已保存',
    );
    if (ok) onSaved();
  };
  return (
    <Dialog open title={isNew ? '新建用户' : `编辑用户 ${user.username}`} onClose={onClose}>
      <form onSubmit={submit}>
        {save.message?.kind === 'error' && <Notice kind="error">{save.message.text}</Notice>}
        {isNew && (
          <TextField
            label="用户名"
            value={form.username}
            onValue={set('username')}
            error={save.fields.username}
          />
        )}
        <TextField
          label="姓名"
          value={form.displayName}
          onValue={set('displayName')}
          error={save.fields.displayName}
        />
        <SelectField
          label="角色"
          value={form.role}
          onValue={set('role')}
          options={roleOptions}
          error={save.fields.role}
        />
        <SelectField
          label="所属单位"
          value={form.unitCode}
          onValue={set('unitCode')}
          options={[
            { value: '', label: '（无）' },
            ...units.map((u) => ({ value: u.code, label: u.shortName })),
          ]}
          error={save.fields.unitCode}
        />
        <TextField
          label="邮箱"
          type="email"
          value={form.email}
          onValue={set('email')}
          error={save.fields.email}
        />
        <TextField label="电话" value={form.phone} onValue={set('phone')} error={save.fields.phone} />
        {isNew ? (
          <TextField
            label="初始密码"
            type="password"
            autoComplete="new-password"
            value={form.password}
            onValue={set('password')}
            error={save.fields.password}
            hint="至少12位；用户首次登录时须修改"
          />
        ) : (
          <label class="check-line">
            <input
              type="checkbox"
              checked={form.active}
              onChange={(e) => set('active')((e.target as HTMLInputElement).checked)}
            />
            账号启用
          </label>
        )}
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={save.busy}>
            保存
          </button>
          <button type="button" class="btn" onClick={onClose}>
            取消
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function PasswordDialog({ user, onClose }: { user: User; onClose(): void }) {
  const [password, setPassword] = useState('');
  const save = useSave({ password: '新密码' });
  return (
    <Dialog open title={`重置密码：${user.displayName}`} onClose={onClose}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (
            await save.run(() => api.post(`/api/admin/users/${user.id}/password`, { password }), '密码已重置')
          )
            setPassword('');
        }}
      >
        {save.message && <Notice kind={save.message.kind}>{save.message.text}</Notice>}
        <TextField
          label="新密码"
          type="password"
          autoComplete="new-password"
          value={password}
          onValue={setPassword}
          error={save.fields.password}
          hint="至少12位；该用户下次登录时须修改密码，其现有登录全部失效"
        />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={save.busy}>
            重置密码
          </button>
          <button type="button" class="btn" onClick={onClose}>
            关闭
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export default function AdminUsersPage() {
  const users = useApi<User[]>('/api/admin/users');
  const units = useApi<Unit[]>('/api/admin/units');
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const unlock = useSave({});
  return (
    <section>
      <PageHeader
        title="用户管理"
        actions={
          <button type="button" class="btn btn-primary" onClick={() => setEditing('new')}>
            新建用户
          </button>
        }
      />
      <AdminTabs />
      {unlock.message && <Notice kind={unlock.message.kind}>{unlock.message.text}</Notice>}
      {users.error ? <ErrorNotice error={users.error} retry={users.reload} /> : null}
      {!users.data && !users.error && <Loading />}
      {users.data && (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">用户名</th>
                <th scope="col">姓名</th>
                <th scope="col">角色</th>
                <th scope="col">单位</th>
                <th scope="col">状态</th>
                <th scope="col">最近登录</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => {
                const locked = u.lockedUntil && new Date(u.lockedUntil) > new Date();
                return (
                  <tr key={u.id}>
                    <td>{u.username}</td>
                    <td>{u.displayName}</td>
                    <td>{roleNames[u.role] ?? u.role}</td>
                    <td>{u.unit?.shortName ?? '—'}</td>
                    <td>
                      {!u.active ? (
                        <span class="tag">已停用</span>
                      ) : locked ? (
                        <span class="tag tag-red">已锁定</span>
                      ) : (
                        <span class="tag tag-green">正常</span>
                      )}
                    </td>
                    <td>{formatDateTime(u.lastLoginAt)}</td>
                    <td class="row-actions">
                      <button type="button" class="btn btn-small" onClick={() => setEditing(u)}>
                        编辑<span class="visually-hidden"> {u.username}</span>
                      </button>
                      <button type="button" class="btn btn-small" onClick={() => setResetting(u)}>
                        重置密码<span class="visually-hidden"> {u.username}</span>
                      </button>
                      {locked && (
                        <button
                          type="button"
                          class="btn btn-small"
                          onClick={async () => {
                            if (
                              await unlock.run(
                                () => api.post(`/api/admin/users/${u.id}/unlock`),
                                `已解锁 ${u.username}`,
                              )
                            )
                              users.reload();
                          }}
                        >
                          解锁
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <UserDialog
          user={editing}
          units={units.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            users.reload();
          }}
        />
      )}
      {resetting && <PasswordDialog user={resetting} onClose={() => setResetting(null)} />}
    </section>
  );
}
