// 管理 · 单位与职务: the units (member units, the office, external recipients) with their mail addresses and
// group-chat robots (chat-robot.tsx), and the task force's positions with who holds each.
import { useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog';
import { SelectField, TextField } from '../../components/fields';
import { PageHeader } from '../../components/page';
import { ErrorNotice, Loading, Notice } from '../../components/states';
import { useApi } from '../../components/use-api';
import { api } from '../../shell/api';
import { unitKindNames as kindNames } from '../../../shared/vocabulary';
import { ChatRobotDialog, robotSummary, type ChatRobot } from './chat-robot';
import { AdminTabs } from './tabs';
import { useSave } from './use-save';

interface Unit {
  id: number;
  code: string;
  name: string;
  shortName: string;
  kind: 'office' | 'member' | 'associate' | 'external';
  email: string | null;
  sortOrder: number;
  active: boolean;
}
interface Position {
  id: number;
  code: string;
  title: string;
  duty: string | null;
  unit: { code: string; shortName: string };
  holder: { username: string; displayName: string } | null;
}
interface User {
  username: string;
  displayName: string;
  active: boolean;
  unit: { code: string } | null;
}

function UnitDialog({ unit, onClose, onSaved }: { unit: Unit | 'new'; onClose(): void; onSaved(): void }) {
  const isNew = unit === 'new';
  const [f, setF] = useState({
    code: isNew ? '' : unit.code,
    name: isNew ? '' : unit.name,
    shortName: isNew ? '' : unit.shortName,
    kind: isNew ? 'member' : unit.kind,
    email: isNew ? '' : (unit.email ?? ''),
    sortOrder: isNew ? '0' : String(unit.sortOrder),
    active: isNew ? true : unit.active,
  });
  const save = useSave({
    code: '单位代码',
    name: '单位名称',
    shortName: '简称',
    kind: '类别',
    email: '单位邮箱',
    sortOrder: '排序',
    active: '启用',
  });
  const set = (k: keyof typeof f) => (v: string | boolean) => setF({ ...f, [k]: v });
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = {
      name: f.name,
      shortName: f.shortName,
      kind: f.kind,
      email: f.email || null,
      sortOrder: Number(f.sortOrder) || 0,
    };
    const ok = await save.run(
      () =>
        isNew
          ? api.post('/api/admin/units', { ...body, code: f.code })
          : api.patch(`/api/admin/units/${unit.id}`, { ...body, active: f.active }),
      '已保存',
    );
    if (ok) onSaved();
  };
  return (
    <Dialog open title={isNew ? '新建单位' : `编辑单位 ${unit.shortName}`} onClose={onClose}>
      <form onSubmit={submit}>
        {save.message?.kind === 'error' && <Notice kind="error">{save.message.text}</Notice>}
        {isNew && (
          <TextField
            label="单位代码"
            value={f.code}
            onValue={set('code')}
            error={save.fields.code}
            hint="流程中的候选组，创建后不能修改，如 court"
          />
        )}
        <TextField label="单位名称" value={f.name} onValue={set('name')} error={save.fields.name} />
        <TextField
          label="简称"
          value={f.shortName}
          onValue={set('shortName')}
          error={save.fields.shortName}
        />
        <SelectField
          label="类别"
          value={f.kind}
          onValue={set('kind')}
          options={Object.entries(kindNames).map(([value, label]) => ({ value, label }))}
        />
        <TextField
          label="单位邮箱"
          type="email"
          value={f.email}
          onValue={set('email')}
          error={save.fields.email}
        />
        <TextField
          label="排序"
          type="number"
          value={f.sortOrder}
          onValue={set('sortOrder')}
          error={save.fields.sortOrder}
        />
        {!isNew && (
          <label class="check-line">
            <input
              type="checkbox"
              checked={f.active}
              onChange={(e) => set('active')((e.target as HTMLInputElement).checked)}
            />
            启用
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

function PositionRow({ p, users, onSaved }: { p: Position; users: User[]; onSaved(): void }) {
  const [holder, setHolder] = useState(p.holder?.username ?? '');
  const save = useSave({ holderUsername: '担任人' });
  const candidates = users.filter((u) => u.active);
  return (
    <tr>
      <td>{p.unit.shortName}</td>
      <td>{p.title}</td>
      <td class="cell-text">{p.duty ?? '—'}</td>
      <td>
        <label class="visually-hidden" for={`holder-${p.id}`}>
          {p.unit.shortName}
          {p.title}的担任人
        </label>
        <select
          id={`holder-${p.id}`}
          value={holder}
          onChange={(e) => setHolder((e.target as HTMLSelectElement).value)}
        >
          <option value="">（空缺）</option>
          {candidates.map((u) => (
            <option key={u.username} value={u.username}>
              {u.displayName}（{u.username}）
            </option>
          ))}
        </select>
        {save.message && (
          <span class={save.message.kind === 'error' ? 'field-error' : 'muted'} role="status">
            {' '}
            {save.message.text}
          </span>
        )}
      </td>
      <td>
        <button
          type="button"
          class="btn btn-small"
          disabled={save.busy || holder === (p.holder?.username ?? '')}
          onClick={async () => {
            if (
              await save.run(
                () => api.patch(`/api/admin/positions/${p.id}`, { holderUsername: holder || null }),
                '已保存',
              )
            )
              onSaved();
          }}
        >
          保存<span class="visually-hidden"> {p.title}</span>
        </button>
      </td>
    </tr>
  );
}

export default function AdminUnitsPage() {
  const units = useApi<Unit[]>('/api/admin/units');
  const positions = useApi<Position[]>('/api/admin/positions');
  const users = useApi<User[]>('/api/admin/users');
  const robots = useApi<ChatRobot[]>('/api/admin/chat-robots');
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const [robotOf, setRobotOf] = useState<Unit | null>(null);
  const robot = (u: Unit) => robots.data?.find((r) => r.unitId === u.id);
  return (
    <section>
      <PageHeader
        title="单位与职务"
        actions={
          <button type="button" class="btn btn-primary" onClick={() => setEditing('new')}>
            新建单位
          </button>
        }
      />
      <AdminTabs />
      {units.error ? <ErrorNotice error={units.error} retry={units.reload} /> : null}
      {!units.data && !units.error && <Loading />}
      {units.data && (
        <div class="card">
          <h2>单位</h2>
          <table class="data">
            <thead>
              <tr>
                <th scope="col">代码</th>
                <th scope="col">名称</th>
                <th scope="col">简称</th>
                <th scope="col">类别</th>
                <th scope="col">邮箱</th>
                <th scope="col">群机器人</th>
                <th scope="col">状态</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {units.data.map((u) => (
                <tr key={u.id}>
                  <td>{u.code}</td>
                  <td>{u.name}</td>
                  <td>{u.shortName}</td>
                  <td>{kindNames[u.kind]}</td>
                  <td>{u.email ?? '—'}</td>
                  <td>{robotSummary(robot(u))}</td>
                  <td>
                    {u.active ? <span class="tag tag-green">启用</span> : <span class="tag">停用</span>}
                  </td>
                  <td>
                    <button type="button" class="btn btn-small" onClick={() => setEditing(u)}>
                      编辑<span class="visually-hidden"> {u.shortName}</span>
                    </button>{' '}
                    <button type="button" class="btn btn-small" onClick={() => setRobotOf(u)}>
                      群机器人<span class="visually-hidden"> {u.shortName}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {positions.data && (
        <div class="card">
          <h2>专班职务</h2>
          <table class="data">
            <thead>
              <tr>
                <th scope="col">单位</th>
                <th scope="col">职务</th>
                <th scope="col">职责</th>
                <th scope="col">担任人</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {positions.data.map((p) => (
                <PositionRow key={p.id} p={p} users={users.data ?? []} onSaved={positions.reload} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {robotOf && (
        <ChatRobotDialog
          unit={robotOf}
          robot={robot(robotOf)}
          onClose={() => setRobotOf(null)}
          onSaved={() => {
            setRobotOf(null);
            robots.reload();
          }}
        />
      )}
      {editing && (
        <UnitDialog
          unit={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            units.reload();
          }}
        />
      )}
    </section>
  );
}
