// 案件评查: each reviewing unit's enterprise share of the sampled cases against the plan's floor (≥5% 政法委 and
// 检察院, ≥10% 公安), the batches behind each figure, a batch's cases, and a problem raised as a ledger item.
import { useState } from 'preact/hooks';
import { PageHeader } from '../../components/page';
import { Empty, ErrorNotice, Loading } from '../../components/states';
import { useApi } from '../../components/use-api';
import { query } from '../../shell/api';
import { useUser } from '../../shell/session';
import { BatchDetail } from './batch-detail';
import { BatchDialog } from './batch-dialog';
import { ReviewTabs } from './tabs';
import type { Overview, Share, UnitOption } from './types';

const year = new Date().getFullYear();

function ShareStatus({ s }: { s: Share }) {
  if (s.share === null) return <span class="tag">未评查</span>;
  if (s.met === null) return <span class="muted">无目标</span>;
  return s.met ? <span class="tag tag-green">达标</span> : <span class="tag tag-red">未达标</span>;
}

export default function CaseReviewsPage() {
  const user = useUser();
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [unit, setUnit] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const overview = useApi<Overview>(`/api/case-reviews${query({ from, to })}`);
  const units = useApi<UnitOption[]>('/api/units');
  const members = (units.data ?? []).filter((u) => u.kind !== 'external');
  const mayRecord = user.role === 'coordinator' || user.role === 'unit-user' || user.role === 'unit-lead';
  const batches = (overview.data?.batches ?? []).filter((b) => !unit || b.unit.code === unit);
  return (
    <section>
      <PageHeader
        title="案件评查"
        subtitle="涉企案件在评查中的占比：区委政法委、区检察院不低于5%，卫滨公安分局不低于10%"
        actions={
          mayRecord && (
            <button type="button" class="btn btn-primary" onClick={() => setAdding(true)}>
              录入评查批次
            </button>
          )
        }
      />
      <ReviewTabs />
      <div class="filter-bar">
        <label>
          评查日期自
          <input type="date" value={from} onChange={(e) => setFrom((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          至
          <input type="date" value={to} onChange={(e) => setTo((e.target as HTMLInputElement).value)} />
        </label>
      </div>
      {overview.error ? <ErrorNotice error={overview.error} retry={overview.reload} /> : null}
      {!overview.data && !overview.error && <Loading />}
      {overview.data && (
        <>
          <div class="card">
            <h2>涉企案件占比</h2>
            {overview.data.shares.length === 0 ? (
              <Empty title="本期没有评查记录" hint="评查单位录入评查批次后，这里按单位计算涉企案件占比。" />
            ) : (
              <table class="data" id="review-shares">
                <thead>
                  <tr>
                    <th scope="col">评查单位</th>
                    <th scope="col">批次</th>
                    <th scope="col">抽查案件</th>
                    <th scope="col">涉企案件</th>
                    <th scope="col">涉企占比</th>
                    <th scope="col">目标</th>
                    <th scope="col">情况</th>
                    <th scope="col">操作</th>
                  </tr>
                </thead>
                <tbody>
                  {overview.data.shares.map((s) => (
                    <tr key={s.unitCode}>
                      <td>{s.unitName}</td>
                      <td>{s.batches}</td>
                      <td>{s.sampled}</td>
                      <td>{s.enterpriseRelated}</td>
                      <td>{s.share === null ? '—' : `${s.share}%`}</td>
                      <td>{s.target === null ? '—' : `≥${s.target}%`}</td>
                      <td>
                        <ShareStatus s={s} />
                      </td>
                      <td>
                        <button
                          type="button"
                          class="btn btn-small"
                          disabled={s.batches === 0}
                          aria-pressed={unit === s.unitCode}
                          onClick={() => setUnit(unit === s.unitCode ? '' : s.unitCode)}
                        >
                          {unit === s.unitCode ? '显示全部批次' : '查看批次'}
                          <span class="visually-hidden">（{s.unitName}）</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
          <div class="card">
            <h2>
              评查批次
              {unit && `（${overview.data.shares.find((s) => s.unitCode === unit)?.unitName ?? unit}）`}
            </h2>
            {batches.length === 0 ? (
              <Empty
                title="没有评查批次"
                hint={mayRecord ? '点击“录入评查批次”录入抽查的案件。' : undefined}
              />
            ) : (
              <table class="data" id="review-batches">
                <thead>
                  <tr>
                    <th scope="col">评查日期</th>
                    <th scope="col">评查单位</th>
                    <th scope="col">批次名称</th>
                    <th scope="col">抽查案件</th>
                    <th scope="col">涉企</th>
                    <th scope="col">发现问题</th>
                    <th scope="col">已立整改</th>
                    <th scope="col">操作</th>
                  </tr>
                </thead>
                <tbody>
                  {batches.map((b) => (
                    <tr key={b.id}>
                      <td>{b.reviewedOn}</td>
                      <td>{b.unit.shortName}</td>
                      <td>{b.title}</td>
                      <td>{b.sampled}</td>
                      <td>{b.enterpriseRelated}</td>
                      <td>{b.problems}</td>
                      <td>{b.raised}</td>
                      <td>
                        <button
                          type="button"
                          class="btn btn-small"
                          onClick={() => setOpen(open === b.id ? null : b.id)}
                        >
                          {open === b.id ? '收起' : '查看案件'}
                          <span class="visually-hidden">（{b.title}）</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
          {open !== null && <BatchDetail key={open} id={open} units={members} onChanged={overview.reload} />}
        </>
      )}
      {adding && (
        <BatchDialog
          units={members}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            overview.reload();
          }}
        />
      )}
    </section>
  );
}
