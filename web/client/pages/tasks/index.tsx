// 我的待办: the tasks of the user's unit (or of the office, or of leadership) — filtered by process, state,
// assignment, due and follow-up dates and business key; sorted by priority then due date (enterprise complaints
// first), by due date or by creation; with a count behind each assignment tab, due dates coloured, bulk claim,
// and a read-only preview of a task's form before claiming. The filters live in the URL (bookmarks and mail
// links: /tasks?key=XT-2026-001); the list refreshes itself every half minute, so a new task shows without a reload.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { PageHeader } from '../../components/page';
import { Empty, ErrorNotice, Loading, Notice } from '../../components/states';
import { useApi } from '../../components/use-api';
import { api, ApiError, query } from '../../shell/api';
import { setNavBadge } from '../../shell/nav-badges';
import { DueTag } from './due';
import { TaskPreview } from './preview';
import { processOptions, type InboxPage } from './types';

const filterKeys = [
  'view',
  'state',
  'process',
  'due',
  'dueFrom',
  'dueTo',
  'followUpFrom',
  'followUpTo',
  'key',
  'sort',
  'order',
  'page',
] as const;
type Filters = Partial<Record<(typeof filterKeys)[number], string>>;

const views = [
  { value: 'all', label: '全部' },
  { value: 'mine', label: '我办理的' },
  { value: 'unassigned', label: '待认领' },
  { value: 'colleagues', label: '同事办理中' },
] as const;

function Choice({
  label,
  value,
  options,
  onValue,
}: {
  label: string;
  value?: string;
  options: { value: string; label: string }[];
  onValue(v: string): void;
}) {
  return (
    <label>
      {label}
      <select value={value ?? ''} onChange={(e) => onValue((e.target as HTMLSelectElement).value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function DateInput({ label, value, onValue }: { label: string; value?: string; onValue(v: string): void }) {
  return (
    <label>
      {label}
      <input
        type="date"
        value={value ?? ''}
        onChange={(e) => onValue((e.target as HTMLInputElement).value)}
      />
    </label>
  );
}

export default function InboxPage() {
  const { query: q, route } = useLocation();
  const filters: Filters = Object.fromEntries(filterKeys.filter((k) => q[k]).map((k) => [k, q[k]]));
  const go = (next: Filters) => route(`/tasks${query(next)}`, true);
  const set = (name: keyof Filters, value: string) =>
    go({ ...filters, [name]: value || undefined, page: undefined });
  const { data, error, loading, reload } = useApi<InboxPage>(`/api/tasks${query(filters)}`, {
    intervalMs: 30_000,
  });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [preview, setPreview] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [keyText, setKeyText] = useState(filters.key ?? '');
  const done = filters.state === 'done';
  if (data && !done && !filters.process && !filters.due && !filters.key && !filters.dueFrom && !filters.dueTo)
    setNavBadge('/tasks', data.counts.mine + data.counts.unassigned);

  const claim = async (keys: string[]) => {
    setNotice(null);
    try {
      const r = await api.post<{ claimed: number; results: { ok: boolean; message?: string }[] }>(
        '/api/tasks/claim',
        { keys },
      );
      const failed = r.results.filter((x) => !x.ok);
      setNotice(
        failed.length
          ? {
              kind: 'error',
              text: `已认领 ${r.claimed} 项；${failed.length} 项未能认领：${failed[0]!.message ?? ''}`,
            }
          : { kind: 'success', text: `已认领 ${r.claimed} 项任务` },
      );
      setSelected(new Set());
      reload();
    } catch (e) {
      setNotice({ kind: 'error', text: e instanceof ApiError ? (e.detail ?? e.title) : '认领失败' });
    }
  };

  const claimable = (data?.items ?? []).filter((t) => !t.assignee && !done);
  const toggle = (key: string) => {
    const next = new Set(selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setSelected(next);
  };
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <div class="inbox">
      <PageHeader
        title="我的待办"
        subtitle="本单位的待办任务和您认领的任务；新任务会自动出现"
        actions={
          <button
            type="button"
            class="btn btn-primary"
            disabled={selected.size === 0}
            onClick={() => void claim([...selected])}
          >
            批量认领{selected.size ? `（${selected.size}）` : ''}
          </button>
        }
      />
      <nav class="tabs" aria-label="按办理人筛选">
        {views.map((v) => {
          const active = (filters.view ?? 'all') === v.value;
          return (
            <a
              key={v.value}
              href={`/tasks${query({ ...filters, view: v.value === 'all' ? undefined : v.value, page: undefined })}`}
              class={active ? 'tab tab-active' : 'tab'}
              aria-current={active ? 'page' : undefined}
            >
              {v.label}
              <span class="tab-count">{data ? data.counts[v.value] : '…'}</span>
            </a>
          );
        })}
      </nav>
      <form
        class="filter-bar"
        role="search"
        aria-label="筛选待办"
        onSubmit={(e) => {
          e.preventDefault();
          set('key', keyText.trim());
        }}
      >
        <Choice
          label="状态"
          value={filters.state}
          onValue={(v) => set('state', v)}
          options={[
            { value: '', label: '待办' },
            { value: 'done', label: '已办结' },
          ]}
        />
        <Choice
          label="流程"
          value={filters.process}
          onValue={(v) => set('process', v)}
          options={[{ value: '', label: '全部流程' }, ...processOptions]}
        />
        <Choice
          label="期限"
          value={filters.due}
          onValue={(v) => set('due', v)}
          options={[
            { value: '', label: '不限' },
            { value: 'overdue', label: '已逾期' },
            { value: 'today', label: '今天到期' },
            { value: 'week', label: '7天内到期' },
          ]}
        />
        <details
          class="more-filters"
          open={!!(filters.dueFrom || filters.dueTo || filters.followUpFrom || filters.followUpTo)}
        >
          <summary>按日期</summary>
          <div class="more-filters-body">
            <DateInput label="到期日从" value={filters.dueFrom} onValue={(v) => set('dueFrom', v)} />
            <DateInput label="到期日至" value={filters.dueTo} onValue={(v) => set('dueTo', v)} />
            <DateInput
              label="跟进日从"
              value={filters.followUpFrom}
              onValue={(v) => set('followUpFrom', v)}
            />
            <DateInput label="跟进日至" value={filters.followUpTo} onValue={(v) => set('followUpTo', v)} />
          </div>
        </details>
        <label>
          编号
          <input
            type="search"
            value={keyText}
            placeholder="XT-2026-001、2026-W48"
            onInput={(e) => setKeyText((e.target as HTMLInputElement).value)}
          />
        </label>
        <Choice
          label="排序"
          value={filters.sort}
          onValue={(v) => set('sort', v)}
          options={[
            { value: '', label: '按优先级，再按到期时间' },
            { value: 'due', label: '按到期时间' },
            { value: 'created', label: '按创建时间' },
          ]}
        />
        <Choice
          label="顺序"
          value={filters.order}
          onValue={(v) => set('order', v)}
          options={[
            { value: '', label: '默认' },
            { value: 'asc', label: '升序' },
            { value: 'desc', label: '降序' },
          ]}
        />
        <button type="submit" class="btn">
          筛选
        </button>
        {Object.keys(filters).length > 0 && (
          <a class="btn" href="/tasks" onClick={() => setKeyText('')}>
            清除筛选
          </a>
        )}
      </form>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      {loading && !data && <Loading />}
      {data && data.items.length === 0 && (
        <Empty
          title={
            done ? '没有已办结的任务' : Object.keys(filters).length ? '没有符合条件的任务' : '暂无待办任务'
          }
          hint={Object.keys(filters).length ? '可以清除筛选条件后再看' : '新任务到达时会自动出现在这里'}
        />
      )}
      {data && data.items.length > 0 && (
        <div class="table-wrap">
          <table class="data inbox-table">
            <caption class="visually-hidden">待办任务，共 {data.total} 项</caption>
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="全选可认领的任务"
                    disabled={claimable.length === 0}
                    checked={claimable.length > 0 && claimable.every((t) => selected.has(t.userTaskKey))}
                    onChange={(e) =>
                      setSelected(
                        (e.target as HTMLInputElement).checked
                          ? new Set(claimable.map((t) => t.userTaskKey))
                          : new Set(),
                      )
                    }
                  />
                </th>
                <th scope="col">任务</th>
                <th scope="col">事项</th>
                <th scope="col">流程</th>
                <th scope="col">{done ? '办结时间' : '到期时间'}</th>
                <th scope="col">办理人</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((t) => (
                <tr key={t.userTaskKey}>
                  <td>
                    {!t.assignee && !done && (
                      <input
                        type="checkbox"
                        aria-label={`选择 ${t.name}`}
                        checked={selected.has(t.userTaskKey)}
                        onChange={() => toggle(t.userTaskKey)}
                      />
                    )}
                  </td>
                  <td>
                    <a href={`/tasks/${t.userTaskKey}`} class="task-link">
                      {t.name}
                    </a>
                  </td>
                  <td>
                    {t.record ? (
                      <>
                        <a href={t.record.link}>{t.record.number}</a>
                        {t.record.flag && <span class="tag tag-red">{t.record.flag}</span>}
                        <div class="muted">{t.record.title}</div>
                      </>
                    ) : (
                      <span class="muted">—</span>
                    )}
                  </td>
                  <td>{t.processName}</td>
                  <td>{done ? <DueTag due={t.completionDate} done /> : <DueTag due={t.dueDate} />}</td>
                  <td>{t.assigneeName ?? <span class="tag">待认领</span>}</td>
                  <td class="actions">
                    <button type="button" class="btn btn-small" onClick={() => setPreview(t.userTaskKey)}>
                      预览
                    </button>
                    {!t.assignee && !done && (
                      <button type="button" class="btn btn-small" onClick={() => void claim([t.userTaskKey])}>
                        认领
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && pages > 1 && (
        <nav class="tk-pager" aria-label="分页">
          <button
            type="button"
            class="btn btn-small"
            disabled={data.page <= 1}
            onClick={() => go({ ...filters, page: String(data.page - 1) })}
          >
            上一页
          </button>
          <span>
            第 {data.page} / {pages} 页，共 {data.total} 项
          </span>
          <button
            type="button"
            class="btn btn-small"
            disabled={data.page >= pages}
            onClick={() => go({ ...filters, page: String(data.page + 1) })}
          >
            下一页
          </button>
        </nav>
      )}
      <TaskPreview taskKey={preview} onClose={() => setPreview(null)} />
    </div>
  );
}
