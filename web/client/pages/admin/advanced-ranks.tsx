// 管理 · 任务与指标 › 全市位次的先进位次: the plan's target rank per indicator (§四(三)), which the 全市位次 page and
// the dashboard colour each period against. An indicator without one is not ranked at all, so clearing it takes
// the indicator off the 全市位次 page — the hint says so rather than letting an empty field look like a mistake.
import { useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog';
import { TextField } from '../../components/fields';
import { Notice } from '../../components/states';
import { api } from '../../shell/api';
import { useSave } from './use-save';

export interface RankedIndicator {
  code: string;
  name: string;
  advancedRank: number | null;
}

/** What the field holds as the API expects it: empty is "not ranked"; anything else goes as typed when it is
 *  not a number, so the server's own message (先进位次应为正整数) answers it instead of a silent NaN → null. */
function rankValue(text: string): number | string | null {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

function AdvancedRankDialog({
  indicator,
  onClose,
  onSaved,
}: {
  indicator: RankedIndicator;
  onClose(): void;
  onSaved(): void;
}) {
  const [rank, setRank] = useState(indicator.advancedRank === null ? '' : String(indicator.advancedRank));
  const save = useSave({ advancedRank: '先进位次' });
  const submit = async (e: Event) => {
    e.preventDefault();
    const path = `/api/admin/indicators/${encodeURIComponent(indicator.code)}/advanced-rank`;
    if (await save.run(() => api.put(path, { advancedRank: rankValue(rank) }), '已保存')) onSaved();
  };
  return (
    <Dialog open title={`先进位次：${indicator.name}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {save.message?.kind === 'error' && <Notice kind="error">{save.message.text}</Notice>}
        <TextField
          label="先进位次（全市前几名）"
          inputMode="numeric"
          value={rank}
          onValue={setRank}
          error={save.fields.advancedRank}
          hint="例如 3 表示须进入全市前3名；留空则该指标不参加全市位次排名"
        />
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

export function AdvancedRanks({ indicators, onSaved }: { indicators: RankedIndicator[]; onSaved(): void }) {
  const [editing, setEditing] = useState<RankedIndicator | null>(null);
  return (
    <div class="card" role="region" aria-label="全市位次的先进位次">
      <h2>全市位次的先进位次</h2>
      <p class="state-hint">工作方案要求有关指标在全市评价中进入的名次；全市位次页按此标红或标绿。</p>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">指标</th>
            <th scope="col">先进位次</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((i) => (
            <tr key={i.code} data-indicator={i.code}>
              <td>{i.name}</td>
              <td>{i.advancedRank === null ? '不参加排名' : `全市前${i.advancedRank}名`}</td>
              <td>
                <button type="button" class="btn btn-small" onClick={() => setEditing(i)}>
                  设置<span class="visually-hidden"> {i.name}的先进位次</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <AdvancedRankDialog
          indicator={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            onSaved();
          }}
        />
      )}
    </div>
  );
}
