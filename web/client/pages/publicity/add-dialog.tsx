// 登记宣传: one item — its form (庭审直播, 典型案例, 新闻发布会, 省级及以上媒体报道), title, day, and for a media
// report the outlet and its level. A unit user can only choose its own unit; the server checks it again.
import { Dialog } from '../../components/dialog';
import { SelectField, TextField } from '../../components/fields';
import { FormError, useDialogForm } from '../../components/use-dialog-form';
import { api } from '../../shell/api';

const publicityLabels = {
  unitCode: '单位',
  kind: '宣传形式',
  title: '标题',
  happenedOn: '日期',
  outlet: '媒体名称',
  mediaLevel: '媒体级别',
  link: '链接',
  participants: '邀请参与',
};

export interface PublicityOptions {
  kinds: { value: string; label: string }[];
  mediaLevels: { value: string; label: string }[];
  units: { value: string; label: string }[];
}

const blank = {
  unitCode: '',
  kind: 'trial_broadcast',
  title: '',
  happenedOn: '',
  outlet: '',
  mediaLevel: '',
  link: '',
  participants: '',
};

export function AddPublicityDialog({
  open,
  options,
  onClose,
  onAdded,
}: {
  open: boolean;
  options: PublicityOptions;
  onClose(): void;
  onAdded(): void;
}) {
  const {
    form,
    set,
    busy,
    error,
    fields,
    submit: submitting,
  } = useDialogForm(open, () => ({ ...blank, unitCode: options.units[0]?.value ?? '' }), [options]);
  const media = form.kind === 'media_report';

  const submit = submitting(async () => {
    await api.post('/api/publicity', {
      ...form,
      outlet: form.outlet || null,
      mediaLevel: form.mediaLevel || null,
      link: form.link || null,
      participants: form.participants || null,
    });
    onAdded();
  });

  return (
    <Dialog open={open} title="登记宣传工作" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <FormError error={error} labels={publicityLabels} />
        <SelectField
          label="单位"
          value={form.unitCode}
          onValue={set('unitCode')}
          options={options.units}
          error={fields.unitCode}
        />
        <SelectField
          label="宣传形式"
          value={form.kind}
          onValue={set('kind')}
          options={options.kinds}
          error={fields.kind}
        />
        <TextField
          label="标题"
          value={form.title}
          onValue={set('title')}
          error={fields.title}
          maxLength={200}
          required
        />
        <TextField
          label="日期"
          type="date"
          value={form.happenedOn}
          onValue={set('happenedOn')}
          error={fields.happenedOn}
          hint="直播、发布、召开或刊发的日期"
          required
        />
        {media && (
          <>
            <TextField
              label="媒体名称"
              value={form.outlet}
              onValue={set('outlet')}
              error={fields.outlet}
              maxLength={100}
            />
            <SelectField
              label="媒体级别"
              value={form.mediaLevel}
              onValue={set('mediaLevel')}
              options={[{ value: '', label: '请选择' }, ...options.mediaLevels]}
              error={fields.mediaLevel}
            />
          </>
        )}
        <TextField
          label="链接（可选）"
          value={form.link}
          onValue={set('link')}
          error={fields.link}
          placeholder="https://"
        />
        <TextField
          label="邀请参与（可选）"
          value={form.participants}
          onValue={set('participants')}
          error={fields.participants}
          hint="如人大代表、政协委员、企业家代表"
        />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? '正在保存…' : '保存'}
          </button>
          <button type="button" class="btn" onClick={onClose}>
            取消
          </button>
        </div>
      </form>
    </Dialog>
  );
}
