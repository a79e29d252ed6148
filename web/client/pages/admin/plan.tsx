// 管理 · 任务与指标: the work plan's 13 tasks with their responsible (and leading) units, and the indicator
// targets — the plan's target and, where the plan sets one, a unit's own target.
import { useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog';
import { TextField } from '../../components/fields';
import { PageHeader } from '../../components/page';
import { ErrorNotice, Loading, Notice } from '../../components/states';
import { useApi } from '../../components/use-api';
import { api } from '../../shell/api';
import { indicatorSourceNames as sourceLabels } from '../../../shared/vocabulary';
import { AdvancedRanks } from './advanced-ranks';
import { AdminTabs } from './tabs';
import { useSave } from './use-save';

interface Task {
  id: number;
  number: number;
  title: string;
  description: string | null;
  units: { isLead: boolean; unit: { code: string; shortName: string } }[];
}
interface Indicator {
  id: number;
  code: string;
  name: string;
  comparator: string;
  target: number;
  source: 'process' | 'report' | 'evaluation';
  advancedRank: number | null;
  owners: { target: number | null; unit: { code: string; shortName: string; sortOrder: number } }[];
}
interface Unit {
  code: string;
  shortName: string;
  kind: string;
  active: boolean;
}

function TaskDialog({
  task,
  units,
  onClose,
  onSaved,
}: {
  task: Task;
  units: Unit[];
  onClose(): void;
  onSaved(): void;
}) {
  const [title, setTitle] = useState(task.title);
  const [chosen, setChosen] = useState<Record<string, 'none' | 'member' | 'lead'>>(
    Object.fromEntries(task.units.map((u) => [u.unit.code, u.isLead ? 'lead' : 'member'])),
  );
  const save = useSave({ title: '任务名称', units: '责任单位', 'units.#.code': '责任单位' });
  const submit = async (e: Event) => {
    e.preventDefault();
    const list = Object.entries(chosen)
      .filter(([, v]) => v !== 'none')
      .map(([code, v]) => ({ code, isLead: v === 'lead' }));
    if (await save.run(() => api.patch(`/api/admin/plan-tasks/${task.id}`, { title, units: list }), '已保存'))
      onSaved();
  };
  return (
    <Dialog open title={`编辑任务 ${task.number}`} onClose={onClose} wide>
      <form onSubmit={submit}>
        {save.message?.kind === 'error' && <Notice kind="error">{save.message.text}</Notice>}
        <TextField label="任务名称" value={title} onValue={setTitle} error={save.fields.title} />
        <fieldset class="unit-choices">
          <legend>责任单位</legend>
          {units.map((u) => (
            <label key={u.code}>
              {u.shortName}
              <select
                value={chosen[u.code] ?? 'none'}
                onChange={(e) =>
                  setChosen({
                    ...chosen,
                    [u.code]: (e.target as HTMLSelectElement).value as 'none' | 'member' | 'lead',
                  })
                }
              >
                <option value="none">不参与</option>
                <option value="member">责任单位</option>
                <option value="lead">牵头单位</option>
              </select>
            </label>
          ))}
        </fieldset>
        {save.fields.units && <p class="field-error">{save.fields.units}</p>}
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

function IndicatorRow({ indicator, onSaved }: { indicator: Indicator; onSaved(): void }) {
  const [target, setTarget] = useState(String(indicator.target));
  const [owners, setOwners] = useState<Record<string, string>>(
    Object.fromEntries(indicator.owners.map((o) => [o.unit.code, o.target === null ? '' : String(o.target)])),
  );
  // The server names a unit's own target by its place in `owners` (owners.1.target).
  const save = useSave((path) => {
    if (path === 'target') return '方案目标';
    const owner = /^owners\.(\d+)/.exec(path);
    const code = owner && Object.keys(owners)[Number(owner[1])];
    const unit = code ? indicator.owners.find((o) => o.unit.code === code) : undefined;
    return unit && `${unit.unit.shortName}目标`;
  });
  // A city evaluation indicator is scored out of 100 and judged by its rank; the others are percentages.
  const evaluated = indicator.source === 'evaluation';
  const unitOf = evaluated ? '分' : '%';
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = {
      target: Number(target),
      owners: Object.entries(owners).map(([unitCode, v]) => ({
        unitCode,
        target: v === '' ? null : Number(v),
      })),
    };
    if (await save.run(() => api.patch(`/api/admin/indicators/${indicator.id}`, body), '已保存')) onSaved();
  };
  return (
    <form class="indicator-row card" onSubmit={submit} aria-label={indicator.name}>
      <h3>
        {indicator.name}
        <span class="tag">{sourceLabels[indicator.source]}</span>
      </h3>
      {evaluated && (
        <p class="state-hint">
          全市评价指标按先进位次考核（见上方）；这里的得分目标为百分制，填 0 表示不设。
        </p>
      )}
      {save.message && <Notice kind={save.message.kind}>{save.message.text}</Notice>}
      <div class="indicator-targets">
        <TextField
          label={`方案目标（${indicator.comparator === '=' ? '=' : '≥'}，${unitOf}）`}
          type="number"
          step="0.1"
          value={target}
          onValue={setTarget}
          error={save.fields.target}
        />
        {[...indicator.owners]
          .sort((a, b) => a.unit.sortOrder - b.unit.sortOrder)
          .map((o) => (
            <TextField
              key={o.unit.code}
              label={`${o.unit.shortName}目标（${unitOf}）`}
              type="number"
              step="0.1"
              placeholder="同方案目标"
              value={owners[o.unit.code]}
              onValue={(v) => setOwners({ ...owners, [o.unit.code]: v })}
            />
          ))}
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-small" disabled={save.busy}>
          保存<span class="visually-hidden"> {indicator.name}</span>
        </button>
      </div>
    </form>
  );
}

export default function AdminPlanPage() {
  const tasks = useApi<Task[]>('/api/admin/plan-tasks');
  const indicators = useApi<Indicator[]>('/api/admin/indicators');
  const units = useApi<Unit[]>('/api/admin/units');
  const [editing, setEditing] = useState<Task | null>(null);
  const reporting = (units.data ?? []).filter((u) => u.active && u.kind !== 'external');
  return (
    <section>
      <PageHeader title="任务与指标" subtitle="工作方案的任务清单、责任单位和指标目标" />
      <AdminTabs />
      {tasks.error ? <ErrorNotice error={tasks.error} retry={tasks.reload} /> : null}
      {!tasks.data && !tasks.error && <Loading />}
      {tasks.data && (
        <div class="card">
          <h2>任务清单</h2>
          <table class="data">
            <thead>
              <tr>
                <th scope="col">序号</th>
                <th scope="col">任务</th>
                <th scope="col">责任单位</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {tasks.data.map((t) => (
                <tr key={t.id}>
                  <td>{t.number}</td>
                  <td>{t.title}</td>
                  <td>
                    {t.units.map((u) => (
                      <span key={u.unit.code} class={u.isLead ? 'tag tag-blue' : 'tag'}>
                        {u.unit.shortName}
                        {u.isLead ? '（牵头）' : ''}
                      </span>
                    ))}
                  </td>
                  <td>
                    <button type="button" class="btn btn-small" onClick={() => setEditing(t)}>
                      编辑<span class="visually-hidden"> 任务{t.number}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {indicators.data && <AdvancedRanks indicators={indicators.data} onSaved={indicators.reload} />}
      <h2>指标目标</h2>
      {indicators.data?.map((i) => (
        <IndicatorRow key={i.id} indicator={i} onSaved={indicators.reload} />
      ))}
      {editing && (
        <TaskDialog
          task={editing}
          units={reporting}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            tasks.reload();
          }}
        />
      )}
    </section>
  );
}
