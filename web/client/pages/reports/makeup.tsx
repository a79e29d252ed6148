// 补报: a unit's report for a week whose cut-off has passed without it (未报). The dialog holds the week's own
// report form (the same form the report task shows, prefilled the same way) and sends it as a 补报; the server
// refuses a week not yet consolidated or a report already sent, and that refusal is shown as it comes.
import { useRef, useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog';
import { ErrorNotice, Loading, Notice } from '../../components/states';
import { useApi } from '../../components/use-api';
import { FormView } from '../../forms/form-view';
import { browserProblems, FormProblems, serverProblems, type Problem } from '../../forms/problems';
import type { FormHandle, FormSchema } from '../../forms/viewer';
import { api, query } from '../../shell/api';

interface MakeupForm {
  isoWeek: string;
  unitName: string;
  form: FormSchema;
  data: Record<string, unknown>;
}

interface Target {
  week: string;
  unitCode: string;
}

function MakeupBody({ week, unitCode, onDone }: Target & { onDone(): void }) {
  const { data, error, reload } = useApi<MakeupForm>(
    `/api/reports/makeup/form${query({ week, unit: unitCode })}`,
  );
  const form = useRef<FormHandle | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  if (error && !data) return <ErrorNotice error={error} retry={reload} />;
  if (!data) return <Loading label="正在加载周报表单…" />;
  const submit = async () => {
    const out = form.current?.submit();
    if (!out) return;
    if (out.invalid.length) return setProblems(browserProblems(out));
    setBusy(true);
    setProblems(null);
    setFailure(null);
    try {
      await api.post('/api/reports/makeup', { isoWeek: week, unitCode, report: out.data.report });
      onDone();
    } catch (e) {
      const fields = serverProblems(e, form.current);
      if (fields) setProblems(fields);
      else setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Notice kind="info">
        {data.unitName}
        {week}周报已过截止时间未报送。补报后将计入该周汇总并标记为“补报”，同时告知专班办公室。
      </Notice>
      {problems && <FormProblems items={problems} />}
      {failure ? <ErrorNotice error={failure} /> : null}
      <FormView schema={data.form} data={data.data} onReady={(h) => (form.current = h)} />
      <div class="form-actions">
        <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void submit()}>
          {busy ? '正在提交…' : '提交补报'}
        </button>
      </div>
    </>
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
