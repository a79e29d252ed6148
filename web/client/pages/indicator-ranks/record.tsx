// One period's 全市位次 record: its figures, who entered it, every correction with its reason (the audit trail),
// a correction form for the owning unit and the office, and — outside the 先进位次 — 列入整改台账 for the office.
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso/router';
import { TextField } from '../../components/fields';
import { PageHeader } from '../../components/page';
import { ErrorNotice, Loading, Notice } from '../../components/states';
import { useApi } from '../../components/use-api';
import { api } from '../../shell/api';
import { formatDateTime } from '../../shell/format';
import { useUser } from '../../shell/session';
import { useSave } from '../admin/use-save';
import { FigureFields, figureLabels, figuresBody, SaveNotice, type FigureText } from './figure-fields';
import { rankText, type RankRecordDetail } from './types';

const figuresOf = (v: unknown) => {
  const f = (v ?? {}) as { cityRank?: number; rankedCount?: number; value?: number | null; reason?: string };
  return `${f.cityRank ? `第${f.cityRank}名/共${f.rankedCount}` : ''}${f.value != null ? `，数值${f.value}` : ''}`;
};
const actionNames: Record<string, string> = {
  'indicatorPeriod.create': '录入',
  'indicatorPeriod.correct': '更正',
  'indicatorPeriod.raise': '列入整改台账',
};

function CorrectionForm({ record, onSaved }: { record: RankRecordDetail; onSaved(): void }) {
  const [figures, setFigures] = useState<FigureText>({
    value: record.value === null ? '' : String(record.value),
    cityRank: String(record.cityRank),
    rankedCount: String(record.rankedCount),
    note: record.note ?? '',
  });
  const [reason, setReason] = useState('');
  const save = useSave(figureLabels({ reason: '更正原因' }));
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = { ...figuresBody(figures), reason };
    if (await save.run(() => api.put(`/api/indicator-ranks/records/${record.id}`, body), '已更正')) {
      setReason('');
      onSaved();
    }
  };
  return (
    <form class="card rank-entry" onSubmit={submit} aria-label="更正">
      <h2>更正</h2>
      <SaveNotice save={save} />
      <FigureFields figures={figures} onChange={setFigures} errors={save.fields} />
      <TextField label="更正原因" value={reason} onValue={setReason} error={save.fields.reason} />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={save.busy}>
          保存更正
        </button>
      </div>
    </form>
  );
}

function RaiseButton({ record, onSaved }: { record: RankRecordDetail; onSaved(): void }) {
  const save = useSave({});
  const raise = () =>
    save
      .run(() => api.post(`/api/indicator-ranks/records/${record.id}/ledger-item`, {}), '已列入整改台账')
      .then((ok) => ok && onSaved());
  return (
    <div class="form-actions">
      {save.message?.kind === 'error' && <Notice kind="error">{save.message.text}</Notice>}
      <button type="button" class="btn btn-primary" disabled={save.busy} onClick={raise}>
        列入整改台账
      </button>
    </div>
  );
}

export default function RankRecordPage() {
  const { params } = useRoute();
  const user = useUser();
  const { data: r, error, reload } = useApi<RankRecordDetail>(`/api/indicator-ranks/records/${params.id}`);
  if (error && !r) return <ErrorNotice error={error} retry={reload} />;
  if (!r) return <Loading />;
  const threshold = r.indicator.advancedRank;
  return (
    <section class="rank-record">
      <PageHeader
        title={`${r.indicator.name} · ${r.period}`}
        subtitle="全市位次记录"
        actions={
          <a class="btn" href="/indicator-ranks">
            返回全市位次
          </a>
        }
      />
      <div class="card">
        <dl class="facts">
          <dt>全市位次</dt>
          <dd>
            <span class={r.advanced ? 'tag tag-green' : 'tag tag-red'}>{rankText(r)}</span>{' '}
            {threshold !== null &&
              (r.advanced ? `在先进位次（前${threshold}名）内` : `未进入先进位次（前${threshold}名）`)}
          </dd>
          <dt>数值</dt>
          <dd>{r.value ?? '未填'}</dd>
          <dt>责任单位</dt>
          <dd>{r.indicator.owners.map((o) => o.name).join('、')}</dd>
          <dt>来源/备注</dt>
          <dd>{r.note ?? '—'}</dd>
          <dt>录入</dt>
          <dd>
            {r.enteredBy}，{formatDateTime(r.enteredAt)}
            {r.correctedAt && `（最近更正 ${formatDateTime(r.correctedAt)}）`}
          </dd>
          <dt>整改台账</dt>
          <dd>
            {r.ledgerItemId ? <a href={`/ledger/${r.ledgerItemId}`}>查看整改事项</a> : '未列入'}
            {!r.advanced && !r.ledgerItemId && user.role === 'coordinator' && (
              <RaiseButton record={r} onSaved={reload} />
            )}
          </dd>
        </dl>
      </div>
      <div class="card">
        <h2 id="rank-trail">录入与更正记录</h2>
        <table class="data" aria-labelledby="rank-trail">
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">操作人</th>
              <th scope="col">操作</th>
              <th scope="col">原数据</th>
              <th scope="col">新数据</th>
              <th scope="col">原因</th>
            </tr>
          </thead>
          <tbody>
            {r.trail.map((a, i) => (
              <tr key={i}>
                <td>{formatDateTime(a.at)}</td>
                <td>{a.by}</td>
                <td>{actionNames[a.action] ?? a.action}</td>
                <td>{a.action === 'indicatorPeriod.correct' ? figuresOf(a.before) : '—'}</td>
                <td>{a.action === 'indicatorPeriod.raise' ? '—' : figuresOf(a.after)}</td>
                <td>{(a.after as { reason?: string } | null)?.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {['coordinator', 'unit-user', 'unit-lead'].includes(user.role) && (
        <CorrectionForm record={r} onSaved={reload} />
      )}
    </section>
  );
}
