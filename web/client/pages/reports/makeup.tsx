// 补报: a unit's report for a week whose cut-off has passed without it (未报). The dialog holds the week's own
// report form (the same form the report task shows, prefilled the same way) and sends it as a 补报; the server
// refuses a week not yet consolidated or a report already sent, and that refusal is shown as it comes.
import { useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog';
import { Notice } from '../../components/states';
import { FormDialogBody, type LoadedForm } from '../../forms/form-dialog-body';
import { api, query } from '../../shell/api';

interface MakeupForm extends LoadedForm {
  isoWeek: string;
  unitName: string;
}

interface Target {
  week: string;
  unitCode: string;
}

function MakeupBody({ week, unitCode, onDone }: Target & { onDone(): void }) {
  return (
    <FormDialogBody<MakeupForm>
      path={`/api/reports/makeup/form${query({ week, unit: unitCode })}`}
      loadingLabel="正在加载周报表单…"
      intro={(data) => (
        <Notice kind="info">
          {data.unitName}
          {week}周报已过截止时间未报送。补报后将计入该周汇总并标记为“补报”，同时告知专班办公室。
        </Notice>
      )}
      submitLabel={() => '提交补报'}
      send={async (values) => {
        await api.post('/api/reports/makeup', { isoWeek: week, unitCode, report: values.report });
        onDone();
      }}
    />
  );
}

/** The 补报 button of a 未报 cell and its dialog; `onDone` reloads the matrix. */
export function MakeupAction({
  week,
  unitCode,
  unitName,
  onDone,
}: Target & { unitName: string; onDone(): void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" class="btn btn-small" onClick={() => setOpen(true)}>
        补报
        <span class="visually-hidden">
          ：{unitName} {week} 周报
        </span>
      </button>
      <Dialog open={open} wide title={`补报 ${week} 工作周报`} onClose={() => setOpen(false)}>
        <MakeupBody
          week={week}
          unitCode={unitCode}
          onDone={() => {
            setOpen(false);
            onDone();
          }}
        />
      </Dialog>
    </>
  );
}
