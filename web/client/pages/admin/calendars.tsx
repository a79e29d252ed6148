// 管理 · 节假日与期限: a year's holidays and worked weekend days (as the State Council's notice sets them), the
// deadline rules (days, calendar or working days, start day, roll-forward), and a trial computation that
// shows at once where a deadline falls with the rules and calendar as they are now.
import { useEffect, useState } from 'preact/hooks';
import { SelectField, TextField } from '../../components/fields';
import { PageHeader } from '../../components/page';
import { ErrorNotice, Loading, Notice } from '../../components/states';
import { useApi } from '../../components/use-api';
import { calendarDayKindNames as kindNames } from '../../../shared/vocabulary';
import { api, ApiError } from '../../shell/api';
import { formatDate } from '../../shell/format';
import { RuleDialog, TrialComputation, type Rule } from './rules';
import { AdminTabs } from './tabs';
import { useSave } from './use-save';

interface Day {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}
interface Year {
  year: number;
  source: string;
  provisional: boolean;
  days: Day[];
}

const dayParts: Record<string, string> = { date: '日期', kind: '类别', name: '名称' };

function CalendarEditor({ year }: { year: number }) {
  const loaded = useApi<Year>(`/api/admin/calendars/${year}`);
  const [draft, setDraft] = useState<Year | null>(null);
  const [newDay, setNewDay] = useState<Day>({ date: '', kind: 'holiday', name: '' });
  // The server names a day by its place in the list (days.3.date); the table shows its date.
  const save = useSave((path) => {
    if (path === 'source') return '依据';
    if (path === 'provisional') return '暂定';
    if (path === 'days') return '节假日安排';
    const [, i, part] = path.split('.');
    const day = i === undefined ? undefined : draft?.days[Number(i)];
    return day && `${day.date}的${dayParts[part ?? ''] ?? '安排'}`;
  });
  useEffect(() => {
    if (loaded.data) setDraft(loaded.data);
    else if (loaded.error instanceof ApiError && loaded.error.status === 404)
      setDraft({ year, source: '', provisional: true, days: [] });
  }, [loaded.data, loaded.error, year]);
  if (!draft)
    return loaded.error && !(loaded.error instanceof ApiError) ? (
      <ErrorNotice error={loaded.error} />
    ) : (
      <Loading />
    );
  const submit = async (e: Event) => {
    e.preventDefault();
    await save.run(
      () =>
        api.put(`/api/admin/calendars/${year}`, {
          source: draft.source,
          provisional: draft.provisional,
          days: draft.days,
        }),
      `${year}年节假日安排已保存`,
    );
  };
  return (
    <form class="card" onSubmit={submit} aria-label={`${year}年节假日安排`}>
      <h2>{year}年节假日安排</h2>
      {save.message && <Notice kind={save.message.kind}>{save.message.text}</Notice>}
      <TextField
        label="依据"
        value={draft.source}
        onValue={(source) => setDraft({ ...draft, source })}
        error={save.fields.source}
        hint="国务院办公厅关于节假日安排的通知名称及日期"
      />
      <label class="check-line">
        <input
          type="checkbox"
          checked={draft.provisional}
          onChange={(e) => setDraft({ ...draft, provisional: (e.target as HTMLInputElement).checked })}
        />
        暂定（通知尚未发布）
      </label>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">日期</th>
            <th scope="col">类别</th>
            <th scope="col">名称</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {draft.days.map((d, i) => (
            <tr key={d.date}>
              <td>{formatDate(d.date)}</td>
              <td>{kindNames[d.kind]}</td>
              <td>{d.name}</td>
              <td>
                <button
                  type="button"
                  class="btn btn-small"
                  onClick={() => setDraft({ ...draft, days: draft.days.filter((_, j) => j !== i) })}
                >
                  删除<span class="visually-hidden"> {d.date}</span>
                </button>
                {save.fields[`days.${i}.date`] && <p class="field-error">{save.fields[`days.${i}.date`]}</p>}
                {save.fields[`days.${i}.kind`] && <p class="field-error">{save.fields[`days.${i}.kind`]}</p>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <fieldset class="inline-fields">
        <legend>添加日期</legend>
        <TextField
          label="日期"
          placeholder="例：2027-10-01"
          value={newDay.date}
          onValue={(date) => setNewDay({ ...newDay, date })}
        />
        <SelectField
          label="类别"
          value={newDay.kind}
          onValue={(kind) => setNewDay({ ...newDay, kind: kind as Day['kind'] })}
          options={[
            { value: 'holiday', label: '放假' },
            { value: 'workday', label: '调休上班' },
          ]}
        />
        <TextField label="名称" value={newDay.name} onValue={(name) => setNewDay({ ...newDay, name })} />
        <button
          type="button"
          class="btn"
          disabled={!newDay.date || !newDay.name.trim()}
          onClick={() => {
            const days = [...draft.days.filter((d) => d.date !== newDay.date), newDay].sort((a, b) =>
              a.date.localeCompare(b.date),
            );
            setDraft({ ...draft, days });
            setNewDay({ date: '', kind: 'holiday', name: '' });
          }}
        >
          添加
        </button>
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={save.busy}>
          保存节假日安排
        </button>
      </div>
    </form>
  );
}

export default function AdminCalendarsPage() {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(String(thisYear));
  const rules = useApi<Rule[]>('/api/admin/deadline-rules');
  const [editing, setEditing] = useState<Rule | null>(null);
  return (
    <section>
      <PageHeader title="节假日与期限" subtitle="修改后新计算的期限立即生效，已计算的期限不变" />
      <AdminTabs />
      <div class="filter-bar">
        <label>
          年份
          <select value={year} onChange={(e) => setYear((e.target as HTMLSelectElement).value)}>
            {[thisYear - 1, thisYear, thisYear + 1].map((y) => (
              <option key={y} value={String(y)}>
                {y}年
              </option>
            ))}
          </select>
        </label>
      </div>
      <CalendarEditor key={year} year={Number(year)} />
      {rules.error ? <ErrorNotice error={rules.error} retry={rules.reload} /> : null}
      {rules.data && <TrialComputation rules={rules.data} />}
      {rules.data && (
        <div class="card">
          <h2>期限规则</h2>
          <table class="data">
            <thead>
              <tr>
                <th scope="col">规则</th>
                <th scope="col">期限</th>
                <th scope="col">起算日</th>
                <th scope="col">遇节假日</th>
                <th scope="col">依据</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {rules.data.map((r) => (
                <tr key={r.code}>
                  <td>{r.name}</td>
                  <td>
                    {r.days}
                    {r.kind === 'working' ? '个工作日' : '日'}
                  </td>
                  <td>{r.excludeStartDay ? '不计入' : '计入'}</td>
                  <td>{r.rollForwardOnHoliday ? '顺延' : '不顺延'}</td>
                  <td class="cell-text">{r.basis ?? '—'}</td>
                  <td>
                    <button type="button" class="btn btn-small" onClick={() => setEditing(r)}>
                      编辑<span class="visually-hidden"> {r.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <RuleDialog
          rule={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            rules.reload();
          }}
        />
      )}
    </section>
  );
}
