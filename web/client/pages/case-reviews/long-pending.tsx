// 长期未结案件 (plan task 5: 常态化开展长期未结案件清理，对涉企长期未结民商事案件重点评查并即时整改): the court's
// register with its figures for a period — in the register, long-pending, cleared, the clearance rate, past the
// target date — the list filtered by state or overdue and sorted by pending days, and one case's panel.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { PageHeader } from '../../components/page';
import { Empty, ErrorNotice, Loading } from '../../components/states';
import { useApi } from '../../components/use-api';
import { query } from '../../shell/api';
import { formatDate } from '../../shell/format';
import { useUser } from '../../shell/session';
import { LongPendingDetail } from './long-pending-detail';
import { LongPendingDialog } from './long-pending-dialog';
import { CaseTags } from './long-pending-tags';
import { LongPendingKpis } from './long-pending-kpis';
import { caseTypeNames, type LongPendingRegister } from './long-pending-types';
import { ReviewTabs } from './tabs';
import type { Overview, UnitOption } from './types';

const year = new Date().getFullYear();

export default function LongPendingPage() {
  const user = useUser();
  const mayChange =
    user.role === 'coordinator' ||
    ((user.role === 'unit-user' || user.role === 'unit-lead') && user.unit?.code === 'court');
  // 考核 links a case of its 清结率 here with the period and the case to open.
  const { query: q } = useLocation();
  const [from, setFrom] = useState(q.from || `${year}-01-01`);
  const [to, setTo] = useState(q.to || `${year}-12-31`);
  const [status, setStatus] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [order, setOrder] = useState('days-desc');
  const [open, setOpen] = useState<number | null>(/^\d+$/.test(q.case ?? '') ? Number(q.case) : null);
  const [adding, setAdding] = useState(false);
  const register = useApi<LongPendingRegister>(
    `/api/case-reviews/long-pending${query({ from, to, status, overdue: overdue ? '1' : '', order })}`,
  );
  const reviews = useApi<Overview>(mayChange ? '/api/case-reviews' : null);
  const units = useApi<UnitOption[]>(mayChange ? '/api/units' : null);
  const members = (units.data ?? []).filter((u) => u.kind !== 'external');
  const cases = register.data?.cases ?? [];
  const filtered = status !== '' || overdue;
  return (
    <section>
      <PageHeader
        title="案件评查"
        documentTitle="长期未结案件"
        subtitle="区法院常态化开展长期未结案件清理，对涉企长期未结民商事案件重点评查并即时整改（工作方案任务5）"
        actions={
          mayChange && (
            <button type="button" class="btn btn-primary" onClick={() => setAdding(true)}>
              登记案件
            </button>
          )
        }
      />
      <ReviewTabs />
      <div class="filter-bar">
        <label>
          统计期间自
          <input type="date" value={from} onChange={(e) => setFrom((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          至
          <input type="date" value={to} onChange={(e) => setTo((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          状态
          <select value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
            <option value="">全部</option>
            <option value="pending">在办</option>
            <option value="review">转入评查</option>
            <option value="closed">已结</option>
          </select>
        </label>
        <label class="filter-check">
          <input
            type="checkbox"
            checked={overdue}
            onChange={(e) => setOverdue((e.target as HTMLInputElement).checked)}
          />
          只看逾期
        </label>
        <label>
          排序
          <select value={order} onChange={(e) => setOrder((e.target as HTMLSelectElement).value)}>
            <option value="days-desc">未结天数从长到短</option>
            <option value="days-asc">未结天数从短到长</option>
          </select>
        </label>
      </div>
      {register.error ? <ErrorNotice error={register.error} retry={register.reload} /> : null}
      {!register.data && !register.error && <Loading />}
      {register.data && (
        <>
          <LongPendingKpis f={register.data.figures} />
          <div class="card">
            <h2>长期未结案件登记册</h2>
            {cases.length === 0 ? (
              <Empty
                title={filtered ? '没有符合条件的案件' : '尚未登记长期未结案件'}
                hint={
                  filtered
                    ? '可调整状态或取消“只看逾期”。'
                    : mayChange
                      ? '点击“登记案件”登记涉企长期未结民商事案件及其清理措施。'
                      : '区法院登记后，这里列出每件案件的清理情况。'
                }
              />
            ) : (
              <table class="data" id="long-pending-cases">
                <thead>
                  <tr>
                    <th scope="col">案号</th>
                    <th scope="col">类型</th>
                    <th scope="col">涉及企业</th>
                    <th scope="col">立案日期</th>
                    <th scope="col">未结天数</th>
                    <th scope="col">承办</th>
                    <th scope="col">目标结案</th>
                    <th scope="col">状态</th>
                    <th scope="col">操作</th>
                  </tr>
                </thead>
                <tbody>
                  {cases.map((c) => (
                    <tr key={c.id} aria-selected={open === c.id}>
                      <td>{c.caseNumber}</td>
                      <td>{caseTypeNames[c.caseType]}</td>
                      <td>{c.enterprise}</td>
                      <td>{formatDate(c.filedOn)}</td>
                      <td>{c.status === 'closed' ? `已结（历时 ${c.pendingDays} 天）` : c.pendingDays}</td>
                      <td>{c.handler ?? '—'}</td>
                      <td>{formatDate(c.targetOn)}</td>
                      <td>
                        <CaseTags c={c} />
                      </td>
                      <td>
                        <button
                          type="button"
                          class="btn btn-small"
                          onClick={() => setOpen(open === c.id ? null : c.id)}
                        >
                          {open === c.id ? '收起' : '查看'}
                          <span class="visually-hidden"> {c.caseNumber}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
          {open !== null && (
            <LongPendingDetail
              key={open}
              id={open}
              mayChange={mayChange}
              batches={reviews.data?.batches ?? []}
              units={members}
              onChanged={() => {
                register.reload();
                reviews.reload();
              }}
            />
          )}
        </>
      )}
      {adding && (
        <LongPendingDialog
          onClose={() => setAdding(false)}
          onSaved={(id) => {
            setAdding(false);
            setOpen(id);
            register.reload();
          }}
        />
      )}
    </section>
  );
}
