// 登记 / 修改长期未结案件: the case's facts, the judge or department in charge, the clearance plan and the target
// date. The 案号 is fixed once registered (it names the case); the server checks everything and its field
// errors show under the fields.
import { Dialog } from '../../components/dialog';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { FormError, useDialogForm } from '../../components/use-dialog-form';
import { api } from '../../shell/api';
import type { LongPendingRow } from './long-pending-types';

const blank = (c?: LongPendingRow) => ({
  caseNumber: c?.caseNumber ?? '',
  caseType: c?.caseType ?? 'civil',
  parties: c?.parties ?? '',
  enterprise: c?.enterprise ?? '',
  filedOn: c?.filedOn ?? '',
  handler: c?.handler ?? '',
  plan: c?.plan ?? '',
  targetOn: c?.targetOn ?? '',
});

const caseLabels = {
  caseNumber: '案号',
  caseType: '案件类型',
  parties: '当事人',
  enterprise: '涉及企业',
  filedOn: '立案日期',
  handler: '承办法官/部门',
  plan: '清理措施',
  targetOn: '目标结案日期',
};

export function LongPendingDialog({
  editing,
  onClose,
  onSaved,
}: {
  /** The case to edit; none: register a new one. */
  editing?: LongPendingRow;
  onClose(): void;
  onSaved(id: number): void;
}) {
  const { form, set, busy, error, fields, submit } = useDialogForm(true, () => blank(editing));
  const save = submit(async () => {
    const body = { ...form, targetOn: form.targetOn || null };
    const saved = editing
      ? await api.put<{ id: number }>(`/api/case-reviews/long-pending/${editing.id}`, body)
      : await api.post<{ id: number }>('/api/case-reviews/long-pending', body);
    onSaved(saved.id);
  });
  return (
    <Dialog open wide title={editing ? `修改 ${editing.caseNumber}` : '登记长期未结案件'} onClose={onClose}>
      <form onSubmit={save}>
        <FormError error={error} labels={caseLabels} />
        {!editing && (
          <TextField
            label="案号"
            value={form.caseNumber}
            onValue={set('caseNumber')}
            error={fields.caseNumber}
            hint="如（2024）豫0703民初123号"
          />
        )}
        <SelectField
          label="案件类型"
          value={form.caseType}
          onValue={set('caseType')}
          error={fields.caseType}
          options={[
            { value: 'civil', label: '民事' },
            { value: 'commercial', label: '商事' },
          ]}
        />
        <TextField label="当事人" value={form.parties} onValue={set('parties')} error={fields.parties} />
        <TextField
          label="涉及企业"
          value={form.enterprise}
          onValue={set('enterprise')}
          error={fields.enterprise}
        />
        <TextField
          label="立案日期"
          type="date"
          value={form.filedOn}
          onValue={set('filedOn')}
          error={fields.filedOn}
        />
        <TextField
          label="承办法官/部门"
          value={form.handler}
          onValue={set('handler')}
          error={fields.handler}
        />
        <TextAreaField label="清理措施" value={form.plan} onValue={set('plan')} error={fields.plan} />
        <TextField
          label="目标结案日期"
          type="date"
          value={form.targetOn}
          onValue={set('targetOn')}
          error={fields.targetOn}
        />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {editing ? '保存修改' : '登记'}
          </button>
          <button type="button" class="btn" onClick={onClose}>
            取消
          </button>
        </div>
      </form>
    </Dialog>
  );
}
