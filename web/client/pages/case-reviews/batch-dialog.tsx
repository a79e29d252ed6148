// 录入评查批次: the reviewing unit (a unit user's own, fixed), the batch's name and date, and its sampled cases
// one row each — 案号, 涉企 or not, the problem the review found (if any).
import { useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog';
import { SelectField, TextField } from '../../components/fields';
import { Notice } from '../../components/states';
import { api } from '../../shell/api';
import { useUser } from '../../shell/session';
import { useSave } from '../admin/use-save';
import type { UnitOption } from './types';

interface Row {
  caseNumber: string;
  enterpriseRelated: boolean;
  problem: string;
}
const emptyRow = (): Row => ({ caseNumber: '', enterpriseRelated: false, problem: '' });

export function BatchDialog({
  units,
  onClose,
  onSaved,
}: {
  units: UnitOption[];
  onClose(): void;
  onSaved(): void;
}) {
  const user = useUser();
  const own = user.unit?.code;
  const [unitCode, setUnitCode] = useState(own ?? units[0]?.code ?? '');
  const [title, setTitle] = useState('');
  const [reviewedOn, setReviewedOn] = useState(new Date().toISOString().slice(0, 10));
  const [rows, setRows] = useState<Row[]>([emptyRow()]);
  const save = useSave((path) => {
    const named: Record<string, string> = {
      unitCode: '评查单位',
      title: '批次名称',
      reviewedOn: '评查日期',
      samples: '评查案件',
    };
    const [, i, part] = path.split('.');
    const sample = { caseNumber: '案号', enterpriseRelated: '是否涉企', problem: '发现的问题' }[part ?? ''];
    // The server counts only the rows sent (blank rows are left out), so its index names the sent sample.
    return named[path] ?? (i !== undefined && sample ? `第${Number(i) + 1}件${sample}` : undefined);
  });
  const setRow = (i: number, patch: Partial<Row>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = async (e: Event) => {
    e.preventDefault();
    const samples = rows
      .filter((r) => r.caseNumber.trim() || r.problem.trim())
      .map((r) => ({
        caseNumber: r.caseNumber,
        enterpriseRelated: r.enterpriseRelated,
        problem: r.problem.trim() || null,
      }));
    if (
      await save.run(
        () => api.post('/api/case-reviews/batches', { unitCode, title, reviewedOn, samples }),
        '已保存',
      )
    )
      onSaved();
  };
  return (
    <Dialog open wide title="录入评查批次" onClose={onClose}>
      <form onSubmit={submit}>
        {save.message?.kind === 'error' && <Notice kind="error">{save.message.text}</Notice>}
        {own ? (
          <p>评查单位：{user.unit?.name}</p>
        ) : (
          <SelectField
            label="评查单位"
            value={unitCode}
            onValue={setUnitCode}
            error={save.fields.unitCode}
            options={units.map((u) => ({ value: u.code, label: u.name }))}
          />
        )}
        <TextField label="批次名称" value={title} onValue={setTitle} error={save.fields.title} />
        <TextField
          label="评查日期"
          type="date"
          value={reviewedOn}
          onValue={setReviewedOn}
          error={save.fields.reviewedOn}
        />
        <table class="data">
          <caption>抽查案件</caption>
          <thead>
            <tr>
              <th scope="col">案号</th>
              <th scope="col">涉企案件</th>
              <th scope="col">发现的问题（无则不填）</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>
                  <input
                    aria-label={`第${i + 1}件案号`}
                    value={r.caseNumber}
                    onInput={(e) => setRow(i, { caseNumber: (e.target as HTMLInputElement).value })}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`第${i + 1}件是否涉企`}
                    checked={r.enterpriseRelated}
                    onChange={(e) => setRow(i, { enterpriseRelated: (e.target as HTMLInputElement).checked })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`第${i + 1}件发现的问题`}
                    value={r.problem}
                    onInput={(e) => setRow(i, { problem: (e.target as HTMLInputElement).value })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    class="btn btn-small"
                    disabled={rows.length === 1}
                    onClick={() => setRows(rows.filter((_, j) => j !== i))}
                  >
                    删除<span class="visually-hidden">第{i + 1}件</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div class="form-actions">
          <button type="button" class="btn" onClick={() => setRows([...rows, emptyRow()])}>
            添加一件
          </button>
          <button type="submit" class="btn btn-primary" disabled={save.busy}>
            保存批次
          </button>
          <button type="button" class="btn" onClick={onClose}>
            取消
          </button>
        </div>
      </form>
    </Dialog>
  );
}
