// 管理 · 操作日志: every change with who, when, what and the record, newest first, filtered by actor, action,
// record type, record number and days; each row lists its changed fields in words (the server names them) and
// names its record by its business number, linked to the page an admin can open.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { PageHeader } from '../../components/page';
import { Empty, ErrorNotice, Loading } from '../../components/states';
import { useApi } from '../../components/use-api';
import { query } from '../../shell/api';
import { formatDateTime } from '../../shell/format';
import { ChangeList, RawData, type Change } from './audit-changes';
import { actionLabel, actorLabel, entityLabel } from './audit-labels';
import { AdminTabs } from './tabs';

interface Row {
  id: number;
  at: string;
  actorLabel: string;
  /** The person's display name; null for the system, the seed, the demo and the workers. */
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string;
  unitId: number | null;
  before: unknown;
  after: unknown;
  /** The record's business name and page; null when the record is gone. */
  record: { label: string; href?: string } | null;
  changes: Change[];
}
interface Facets {
  actions: string[];
  actors: string[];
  actorNames: Record<string, string>;
  entities: string[];
}

const pageSize = 50;
const keys = ['actor', 'action', 'entity', 'entityId', 'from', 'to', 'offset'] as const;

function Choice({
  label,
  name,
  value,
  options,
  show,
  onChange,
}: {
  label: string;
  name: string;
  value: string | undefined;
  options: string[];
  show(code: string): string;
  onChange(name: string, value: string): void;
}) {
  return (
    <label>
      {label}
      <select value={value ?? ''} onChange={(e) => onChange(name, (e.target as HTMLSelectElement).value)}>
        <option value="">全部</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {show(o)}
          </option>
        ))}
      </select>
    </label>
  );
}

export default function AdminAuditPage() {
  const { query: q, route } = useLocation();
  const filters = Object.fromEntries(keys.filter((k) => q[k]).map((k) => [k, q[k]])) as Record<
    string,
    string
  >;
  const [entityId, setEntityId] = useState(filters.entityId ?? '');
  const facets = useApi<Facets>('/api/admin/audit/facets');
  const list = useApi<{ total: number; rows: Row[] }>(
    `/api/admin/audit/search${query({ ...filters, limit: pageSize })}`,
  );
  const go = (next: Record<string, string | undefined>) => route(`/admin/audit${query(next)}`, true);
  const set = (name: string, value: string) => go({ ...filters, [name]: value, offset: undefined });
  const offset = Number(filters.offset ?? 0);
  return (
    <section>
      <PageHeader title="操作日志" subtitle={list.data ? `共 ${list.data.total} 条` : undefined} />
      <AdminTabs />
      <form
        class="filter-bar"
        aria-label="筛选操作日志"
        onSubmit={(e) => {
          e.preventDefault();
          set('entityId', entityId.trim());
        }}
      >
        {facets.data && (
          <>
            <Choice
              label="操作人"
              name="actor"
              value={filters.actor}
              options={facets.data.actors}
              show={(code) => facets.data!.actorNames[code] ?? actorLabel(code)}
              onChange={set}
            />
            <Choice
              label="操作"
              name="action"
              value={filters.action}
              options={facets.data.actions}
              show={actionLabel}
              onChange={set}
            />
            <Choice
              label="记录类型"
              name="entity"
              value={filters.entity}
              options={facets.data.entities}
              show={entityLabel}
              onChange={set}
            />
          </>
        )}
        <label>
          记录编号
          <input value={entityId} onInput={(e) => setEntityId((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          起始日期
          <input
            placeholder="例：2027-03-01"
            value={filters.from ?? ''}
            onChange={(e) => set('from', (e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          截止日期
          <input
            placeholder="例：2027-03-01"
            value={filters.to ?? ''}
            onChange={(e) => set('to', (e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" class="btn">
          查找
        </button>
      </form>
      {list.error ? <ErrorNotice error={list.error} retry={list.reload} /> : null}
      {!list.data && !list.error && <Loading />}
      {list.data && list.data.rows.length === 0 && <Empty title="没有符合条件的操作记录" />}
      {list.data && list.data.rows.length > 0 && (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">操作人</th>
                <th scope="col">操作</th>
                <th scope="col">记录</th>
                <th scope="col">变更内容</th>
              </tr>
            </thead>
            <tbody>
              {list.data.rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.at)}</td>
                  <td>
                    {r.actorName ?? actorLabel(r.actorLabel)}
                    {r.actorName && <span class="muted audit-code">{r.actorLabel}</span>}
                  </td>
                  <td>
                    {actionLabel(r.action)}
                    <span class="muted audit-code">{r.action}</span>
                  </td>
                  <td>
                    <span class="muted audit-code">{entityLabel(r.entity)}</span>
                    {r.record?.href ? (
                      <a href={r.record.href}>{r.record.label}</a>
                    ) : (
                      (r.record?.label ?? `编号 ${r.entityId}`)
                    )}
                  </td>
                  <td class="audit-change-cell">
                    <ChangeList changes={r.changes} />
                    <RawData before={r.before} after={r.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.data && list.data.total > pageSize && (
        <nav class="pager" aria-label="分页">
          <button
            type="button"
            class="btn"
            disabled={offset === 0}
            onClick={() => go({ ...filters, offset: String(Math.max(0, offset - pageSize)) })}
          >
            上一页
          </button>
          <span>
            第 {offset + 1}–{Math.min(offset + pageSize, list.data.total)} 条，共 {list.data.total} 条
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
    </section>
  );
}
