// The deadline rules' parts of 管理 · 节假日与期限: the dialog that edits a rule, and the trial computation that
// shows where a deadline falls with the rules and the calendar as they are now.
import { useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog';
import { SelectField, TextField } from '../../components/fields';
import { Notice } from '../../components/states';
import { api, query } from '../../shell/api';
import { formatDate } from '../../shell/format';
import { useSave } from './use-save';

export interface Rule {
  id: number;
  code: string;
  name: string;
  days: number;
  kind: 'calendar' | 'working';
  excludeStartDay: boolean;
  rollForwardOnHoliday: boolean;
  basis: string | null;
}

export function RuleDialog({ rule, onClose, onSaved }: { rule: Rule; onClose(): void; onSaved(): void }) {
  const [f, setF] = useState({ ...rule, days: String(rule.days) });
  const save = useSave({
    name: '名称',
    days: '天数',
    kind: '计算方式',
    excludeStartDay: '起算日不计入',
    rollForwardOnHoliday: '期满日为节假日时顺延',
    basis: '依据',
  });
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = {
      name: f.name,
      days: Number(f.days),
      kind: f.kind,
      excludeStartDay: f.excludeStartDay,
      rollForwardOnHoliday: f.rollForwardOnHoliday,
      basis: f.basis || null,
    };
    if (
      await save.run(
        () => api.patch(`/api/admin/deadline-rules/${encodeURIComponent(rule.code)}`, body),
        '已保存',
      )
    )
      onSaved();
  };
  return (
    <Dialog open title={`编辑期限规则：${rule.name}`} onClose={onClose}>
      <form onSubmit={submit}>
        {save.message?.kind === 'error' && <Notice kind="error">{save.message.text}</Notice>}
        <TextField
          label="名称"
          value={f.name}
          onValue={(name) => setF({ ...f, name })}
          error={save.fields.name}
        />
        <TextField
          label="天数"
          type="number"
          value={f.days}
          onValue={(days) => setF({ ...f, days })}
          error={save.fields.days}
          hint="负数表示自期限往前倒数（如到期前提醒）"
        />
        <SelectField
          label="计算方式"
          value={f.kind}
          onValue={(kind) => setF({ ...f, kind: kind as Rule['kind'] })}
          options={[
            { value: 'calendar', label: '自然日' },
            { value: 'working', label: '工作日' },
          ]}
        />
        <label class="check-line">
          <input
            type="checkbox"
            checked={f.excludeStartDay}
            onChange={(e) => setF({ ...f, excludeStartDay: (e.target as HTMLInputElement).checked })}
          />
          起算日不计入
        </label>
        <label class="check-line">
          <input
            type="checkbox"
            checked={f.rollForwardOnHoliday}
            onChange={(e) => setF({ ...f, rollForwardOnHoliday: (e.target as HTMLInputElement).checked })}
          />
          期满日为节假日时顺延
        </label>
        <TextField label="依据" value={f.basis ?? ''} onValue={(basis) => setF({ ...f, basis })} />
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

export function TrialComputation({ rules }: { rules: Rule[] }) {
  const [rule, setRule] = useState(rules[0]?.code ?? '');
  const [start, setStart] = useState('');
  const [result, setResult] = useState<{ dueDate: string } | null>(null);
  const save = useSave({ rule: '期限规则', start: '起算日' });
  return (
    <form
      class="card"
      aria-label="期限试算"
      onSubmit={async (e) => {
        e.preventDefault();
        setResult(null);
        await save.run(async () => setResult(await api.get(`/api/deadlines${query({ rule, start })}`)), '');
      }}
    >
      <h2>期限试算</h2>
      <div class="inline-fields">
        <SelectField
          label="期限规则"
          value={rule}
          onValue={setRule}
          options={rules.map((r) => ({ value: r.code, label: r.name }))}
        />
        <TextField
          label="起算日"
          placeholder="例：2027-03-01"
          value={start}
          onValue={setStart}
          error={save.fields.start}
        />
        <button type="submit" class="btn" disabled={!start || save.busy}>
          计算
        </button>
      </div>
      {save.message?.kind === 'error' && <Notice kind="error">{save.message.text}</Notice>}
      {result && (
        <p class="trial-result" role="status">
          期满日：<strong>{formatDate(result.dueDate)}</strong>
        </p>
      )}
    </form>
  );
}
