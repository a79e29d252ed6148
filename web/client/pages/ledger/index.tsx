// 整改台账: every ledger item in the user's scope, filtered and sorted by the URL's query (so a dashboard figure
// links straight to its records, e.g. /ledger?color=red), exported to Excel as filtered, imported from a
// spreadsheet by the office, printed on A4; "新建整改事项" leads to the start form of the rectification process.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { PageHeader } from '../../components/page';
import { Empty, ErrorNotice, Loading } from '../../components/states';
import { useApi } from '../../components/use-api';
import { query } from '../../shell/api';
import { formatDate } from '../../shell/format';
import { useUser } from '../../shell/session';
import { ImportDialog } from './import-dialog';
import { ColorTag, DueDate, StatusTag } from './tags';
import type { LedgerOptions, LedgerPage, Option } from './types';

const pageSize = 100;
const filterKeys = ['q', 'source', 'unit', 'color', 'status', 'round', 'overdue', 'sort', 'dir'] as const;
type Filters = Partial<Record<(typeof filterKeys)[number] | 'offset', string>>;

const columns: { key: string; label: string; sort?: string }[] = [
  { key: 'number', label: '编号', sort: 'number' },
  { key: 'source', label: '问题来源', sort: 'source' },
  { key: 'unit', label: '责任单位', sort: 'unit' },
  { key: 'problem', label: '问题描述' },
  { key: 'due', label: '完成时限', sort: 'dueAt' },
  { key: 'color', label: '预警', sort: 'color' },
  { key: 'round', label: '轮次', sort: 'round' },
  { key: 'status', label: '状态', sort: 'status' },
  { key: 'progress', label: '最近进展' },
];

function Select({
  label,
  name,
  value,
  options,
  onChange,
}: {
  label: string;
  name: string;
  value: string | undefined;
  options: Option[];
  onChange(name: string, value: string): void;
}) {
  return (
    <label>
      {label}
      <select value={value ?? ''} onChange={(e) => onChange(name, (e.target as HTMLSelectElement).value)}>
        <option value="">全部</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export default function LedgerListPage() {
  const user = useUser();
  const { query: q, route } = useLocation();
  const filters: Filters = Object.fromEntries(
    [...filterKeys, 'offset'].filter((k) => q[k]).map((k) => [k, q[k]]),
  );
  const [search, setSearch] = useState(filters.q ?? '');
  const [importing, setImporting] = useState(false);
  const options = useApi<LedgerOptions>('/api/ledger/options');
  const listPath = `/api/ledger/items${query({ ...filters, limit: pageSize })}`;
  const list = useApi<LedgerPage>(listPath);
  const go = (next: Filters) => route(`/ledger${query(next)}`, true);
  const setFilter = (name: string, value: string) => go({ ...filters, [name]: value, offset: undefined });
  const sortBy = (key: string) =>
    go({
      ...filters,
      sort: key,
      dir: filters.sort === key && filters.dir !== 'desc' ? 'desc' : 'asc',
      offset: undefined,
    });
  const offset = Number(filters.offset ?? 0);
  const exportHref = `/api/ledger/export${query({ ...filters, offset: undefined })}`;
  const o = options.data;

  return (
    <section class="ledger-page">
      <PageHeader
        title="整改台账"
        subtitle={list.data ? `共 ${list.data.total} 项` : undefined}
        actions={
          <>
            {user.role === 'coordinator' && (
              <a class="btn btn-primary" href="/start/rectification">
                新建整改事项
              </a>
            )}
            <a class="btn" href={exportHref} download>
              导出 Excel
            </a>
            {user.role === 'coordinator' && (
              <button type="button" class="btn" onClick={() => setImporting(true)}>
                导入台账
              </button>
            )}
            <button type="button" class="btn" onClick={() => window.print()}>
              打印
            </button>
          </>
        }
      />
      <form
        class="filter-bar"
        role="search"
        aria-label="筛选整改事项"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter('q', search.trim());
        }}
      >
        <label>
          编号或问题
          <input
            type="search"
            value={search}
            onInput={(e) => setSearch((e.target as HTMLInputElement).value)}
          />
        </label>
        {o && (
          <>
            <Select
              label="问题来源"
              name="source"
              value={filters.source}
              options={o.sources}
              onChange={setFilter}
            />
            <Select
              label="责任单位"
              name="unit"
              value={filters.unit}
              options={o.units}
              onChange={setFilter}
            />
            <Select
              label="预警颜色"
              name="color"
              value={filters.color}
              options={o.colors}
              onChange={setFilter}
            />
            <Select
              label="状态"
              name="status"
              value={filters.status}
              options={[{ value: 'active', label: '未销号' }, ...o.statuses]}
              onChange={setFilter}
            />
            <Select
              label="轮次"
              name="round"
              value={filters.round}
              options={[1, 2, 3].map((n) => ({ value: String(n), label: `第${n}轮` }))}
              onChange={setFilter}
            />
          </>
        )}
        <label class="check">
          <input
            type="checkbox"
            checked={filters.overdue === '1'}
            onChange={(e) => setFilter('overdue', (e.target as HTMLInputElement).checked ? '1' : '')}
          />
          只看超期
        </label>
        <button type="submit" class="btn">
          查找
        </button>
        {Object.keys(filters).length > 0 && (
          <button type="button" class="btn" onClick={() => (setSearch(''), go({}))}>
            清除筛选
          </button>
        )}
      </form>
      {list.error ? <ErrorNotice error={list.error} retry={list.reload} /> : null}
      {!list.data && list.loading && <Loading />}
      {list.data && list.data.rows.length === 0 && (
        <Empty title="没有符合条件的整改事项" hint="调整或清除筛选条件后再试。" />
      )}
      {list.data && list.data.rows.length > 0 && (
        <div class="table-wrap">
          <table class="data ledger-table">
            <caption class="visually-hidden">整改台账，共 {list.data.total} 项</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th
                    key={c.key}
                    scope="col"
                    aria-sort={
                      c.sort && filters.sort === c.sort
                        ? filters.dir === 'asc'
                          ? 'ascending'
                          : 'descending'
                        : undefined
                    }
                  >
                    {c.sort ? (
                      <button type="button" class="sort" onClick={() => sortBy(c.sort!)}>
                        {c.label}
                        {filters.sort === c.sort ? (filters.dir === 'asc' ? ' ↑' : ' ↓') : ''}
                      </button>
                    ) : (
                      c.label
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.data.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <a href={`/ledger/${r.id}`}>{r.number}</a>
                  </td>
                  <td>{r.sourceLabel}</td>
                  <td>{r.leadUnit.shortName}</td>
                  <td class="cell-text">{r.problem}</td>
                  <td>
                    <DueDate row={r} />
                  </td>
                  <td>
                    <ColorTag row={r} />
                  </td>
                  <td>{r.round}</td>
                  <td>
                    <StatusTag row={r} />
                  </td>
                  <td class="cell-text">
                    {r.lastProgress ? (
                      <>
                        {r.lastProgress.content}
                        <span class="muted">（{formatDate(r.lastProgress.at)}）</span>
                      </>
                    ) : (
                      <span class="muted">尚无进展</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.data && list.data.total > pageSize && (
        <nav class="pager no-print" aria-label="分页">
          <button
            type="button"
            class="btn"
            disabled={offset === 0}
            onClick={() => go({ ...filters, offset: String(Math.max(0, offset - pageSize)) })}
          >
            上一页
          </button>
          <span>
            第 {offset + 1}–{Math.min(offset + pageSize, list.data.total)} 项，共 {list.data.total} 项
          </span>
          <button
            type="button"
            class="btn"
            disabled={offset + pageSize >= list.data.total}
            onClick={() => go({ ...filters, offset: String(offset + pageSize) })}
          >
            下一页
          </button>
        </nav>
      )}
      <ImportDialog open={importing} onClose={() => setImporting(false)} onImported={() => list.reload()} />
    </section>
  );
}
