// The office records a reward or penalty (奖惩) for a unit in the period: kind, reason, the 奖惩办法 clause it rests
// on, who decided and when, the decision's file; a 责令整改 also opens a ledger item, optionally with its due day.
// The server checks everything and its field errors show under the fields.
import { useEffect, useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog';
import { SelectField, TextField } from '../../components/fields';
import { FormError, useDialogForm } from '../../components/use-dialog-form';
import { AttachmentField } from '../../forms/file-field';
import { api } from '../../shell/api';

const sanctionLabels = {
  unitCode: '单位',
  kind: '类别',
  reason: '事由',
  basis: '依据',
  decidedBy: '决定机关',
  decidedOn: '决定日期',
  rectifyBy: '整改期限',
  attachmentId: '决定文件',
};

export const sanctionKinds = [
  { value: 'commend', label: '通报表扬' },
  { value: 'award', label: '表彰奖励' },
  { value: 'criticise', label: '通报批评' },
  { value: 'interview', label: '约谈' },
  { value: 'rectify', label: '责令整改' },
];

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

export function SanctionDialog({
  open,
  period,
  units,
  onClose,
  onSaved,
}: {
  open: boolean;
  period: string;
  units: { value: string; label: string }[];
  onClose(): void;
  onSaved(message: string): void;
}) {
  const blank = () => ({
    unitCode: units[0]?.value ?? '',
    kind: 'commend',
    reason: '',
    basis: '',
    decidedBy: '区优化法治化营商环境工作专班',
    decidedOn: today(),
    rectifyBy: '',
  });
  const { form, set, busy, error, fields, submit } = useDialogForm(open, blank);
  const [attachment, setAttachment] = useState<number[]>([]);
  useEffect(() => {
    if (open) setAttachment([]);
  }, [open]);

  const save = submit(async () => {
    const saved = await api.post<{ ledgerItem: { number: string } | null }>('/api/assessment/sanctions', {
      ...form,
      period,
      rectifyBy: form.kind === 'rectify' && form.rectifyBy ? form.rectifyBy : null,
      attachmentId: attachment[0] ?? null,
    });
    onSaved(
      saved.ledgerItem ? `已登记，并已生成整改台账 ${saved.ledgerItem.number}，整改流程已发起` : '已登记',
    );
  });

  return (
    <Dialog open={open} title="登记奖惩" onClose={onClose} wide>
      <form onSubmit={save} noValidate class="sanction-form">
        <FormError error={error} labels={sanctionLabels} />
        <SelectField
          label="单位"
          value={form.unitCode}
          onValue={set('unitCode')}
          options={units}
          error={fields.unitCode}
        />
        <SelectField
          label="类别"
          value={form.kind}
          onValue={set('kind')}
          options={sanctionKinds}
          error={fields.kind}
        />
        <TextField
          label="事由"
          value={form.reason}
          onValue={set('reason')}
          error={fields.reason}
          maxLength={2000}
        />
        <TextField
          label="依据"
          value={form.basis}
          onValue={set('basis')}
          error={fields.basis}
          hint="奖惩办法的条款，如《优化营商环境工作奖惩办法》第五条第一项"
          maxLength={500}
        />
        <TextField
          label="决定机关"
          value={form.decidedBy}
          onValue={set('decidedBy')}
          error={fields.decidedBy}
          maxLength={100}
        />
        <TextField
          label="决定日期"
          type="date"
          value={form.decidedOn}
          onValue={set('decidedOn')}
          error={fields.decidedOn}
        />
        {form.kind === 'rectify' && (
          <TextField
            label="整改期限（可选）"
            type="date"
            value={form.rectifyBy}
            onValue={set('rectifyBy')}
            error={fields.rectifyBy}
            hint="责令整改将生成整改台账并发起整改流程；不填则按台账整改期限规则计算"
          />
        )}
        <AttachmentField
          field={{ label: '决定文件（可选）', multiple: false }}
          value={attachment}
          errors={fields.attachmentId ? [fields.attachmentId] : []}
          domId="sanction-attachment"
          onChange={({ value }) => setAttachment(value as number[])}
        />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? '正在保存…' : '登记'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
