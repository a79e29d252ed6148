// One unit's score on one dimension, traced: for a computed dimension each measure with its counts and the
// records behind it (counted or not, each linking to its record); for a manual one the office's entry, its
// history with reasons, and — for the office — the form to score it with a reason.
import { useEffect, useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog';
import { TextField } from '../../components/fields';
import { ErrorNotice, Loading } from '../../components/states';
import { useApi } from '../../components/use-api';
import { FormError } from '../../components/use-dialog-form';
import { api, ApiError, query } from '../../shell/api';
import { formatDateTime } from '../../shell/format';
import type { DimensionScore, TracedRecord } from './types';

/** What a measure's two counts are, in words where a bare fraction would not say it. */
const countText: Record<string, (n: number, d: number) => string> = {
  publicity: (n, d) => `登记 ${n} 项 / 目标 ${d} 项`,
  complaintResolution: (n, d) => `已解决 ${n} 件 / 已答复企业投诉 ${d} 件`,
  longPendingClearance: (n, d) => `本期结案 ${n} 件 / 应清结 ${d} 件`,
};
const plainCount = (n: number, d: number) => `${n} / ${d}`;

function MeasureRecords({ period, unit, measure }: { period: string; unit: string; measure: string }) {
  const { data, error, reload } = useApi<{ records: TracedRecord[] }>(
    `/api/assessment/records${query({ period, unit, measure })}`,
  );
  if (error) return <ErrorNotice error={error} retry={reload} />;
  if (!data) return <Loading />;
  if (!data.records.length) return <p class="muted">本期没有应计入的记录。</p>;
  return (
    <ul class="traced-records">
      {data.records.map((r, i) => (
        <li key={`${r.kind}-${r.id}-${i}`} class={r.counted ? 'traced-yes' : 'traced-no'}>
          <span class={`tag ${r.counted ? 'tag-green' : 'tag-red'}`}>{r.counted ? '计入' : '不计入'}</span>{' '}
          {r.href ? <a href={r.href}>{r.label}</a> : r.label}
          <span class="muted"> {r.detail}</span>
        </li>
      ))}
    </ul>
  );
}

function ManualHistory({
  period,
  unit,
  dimension,
  version,
}: {
  period: string;
  unit: string;
  dimension: string;
  version: number;
}) {
  const { data, error, reload } = useApi<{
    history: { at: string; actorName: string; score: number; reason: string }[];
  }>(`/api/assessment/records${query({ period, unit, measure: dimension, v: version })}`);
  if (error) return <ErrorNotice error={error} retry={reload} />;
  if (!data) return <Loading />;
  if (!data.history.length) return <p class="muted">办公室尚未评分。</p>;
  return (
    <ul class="traced-records">
      {data.history.map((h, i) => (
        <li key={i}>
          {formatDateTime(h.at)} {h.actorName} 评 <strong>{h.score}</strong> 分：{h.reason}
        </li>
      ))}
    </ul>
  );
}

export function ScoreDialog({
  open,
  period,
  unit,
  dimension,
  canEnter,
  onClose,
  onSaved,
}: {
  open: boolean;
  period: string;
  unit: { code: string; name: string };
  dimension: DimensionScore | null;
  canEnter: boolean;
  onClose(): void;
  onSaved(): void;
}) {
  const [score, setScore] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    setScore(dimension?.entry ? String(dimension.entry.score) : '');
    setReason('');
    setError(null);
  }, [open, dimension?.code, unit.code]);
  if (!dimension) return null;
  const fields = error instanceof ApiError ? error.fields : {};

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const value = score.trim() === '' ? Number.NaN : Number(score);
      if (Number.isNaN(value))
        throw new ApiError(400, '输入有误', '分数应为 0–100 的数字', undefined, {
          score: '分数应为 0–100 的数字',
        });
      await api.post('/api/assessment/entries', {
        period,
        unitCode: unit.code,
        dimension: dimension.code,
        score: value,
        reason,
      });
      setVersion((v) => v + 1);
      setReason('');
      onSaved();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} title={`${unit.name} · ${dimension.name}`} onClose={onClose} wide>
      <p>
        权重 {dimension.weight}，得分 <strong>{dimension.score ?? '未评分'}</strong>，计入总分{' '}
        {dimension.points} 分。
        {dimension.note && <span class="muted"> {dimension.note}</span>}
      </p>
      {dimension.manual ? (
        <>
          <h3>评分记录</h3>
          <ManualHistory period={period} unit={unit.code} dimension={dimension.code} version={version} />
          {canEnter && (
            <form onSubmit={save} noValidate class="score-form">
              <h3>{dimension.entry ? '修改评分' : '评分'}</h3>
              <FormError error={error} labels={{ score: '分数', reason: '评分理由' }} />
              <TextField
                label="分数（0–100）"
                inputMode="decimal"
                value={score}
                onValue={setScore}
                error={fields.score}
              />
              <TextField
                label="评分理由"
                value={reason}
                onValue={setReason}
                error={fields.reason}
                hint="必填，如省级评价通报的名次、依据的文件"
                maxLength={1000}
              />
              <div class="form-actions">
                <button type="submit" class="btn btn-primary" disabled={busy}>
                  {busy ? '正在保存…' : '保存评分'}
                </button>
              </div>
            </form>
          )}
        </>
      ) : (
        dimension.measures.map((m) => (
          <section key={m.measure} class="measure-block">
            <h3>
              {m.label}（占 {m.share}%）：{m.score === null ? '无应计记录' : `${m.score} 分`}
              <span class="muted"> {(countText[m.measure] ?? plainCount)(m.numerator, m.denominator)}</span>
            </h3>
            {open && <MeasureRecords period={period} unit={unit.code} measure={m.measure} />}
          </section>
        ))
      )}
    </Dialog>
  );
}
