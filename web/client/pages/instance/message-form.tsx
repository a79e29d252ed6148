// The message forms the server offers for an instance (会议改期, 申请延期) as the 可办理事项 card of the instance
// and task pages: a button each, and its dialog holding the form-js form. The server checks the form's rules again and its own (a time in the past, a date beyond the
// rule's limit); a 409 means the process moved on meanwhile, and says so. The process records what was sent a
// moment after the engine accepted it, so the page reloads shortly after.
import { useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog';
import { FormDialogBody, type LoadedForm } from '../../forms/form-dialog-body';
import { api } from '../../shell/api';

export interface OfferedForm {
  formId: string;
  label: string;
}

interface Loaded extends LoadedForm {
  label: string;
}

function MessageFormBody({ path, onDone }: { path: string; onDone(message: string): void }) {
  return (
    <FormDialogBody<Loaded>
      path={path}
      submitLabel={(data) => `提交${data.label}`}
      send={async (values) => {
        const done = await api.post<{ message: string }>(path, { variables: values });
        onDone(done.message);
      }}
    />
  );
}

export function MessageFormAction({
  instanceKey,
  offered,
  onSent,
}: {
  instanceKey: string;
  offered: OfferedForm;
  onSent(message: string): void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" class="btn" onClick={() => setOpen(true)}>
        {offered.label}
      </button>
      <Dialog open={open} wide title={offered.label} onClose={() => setOpen(false)}>
        <MessageFormBody
          path={`/api/instances/${encodeURIComponent(instanceKey)}/${offered.formId}`}
          onDone={(message) => {
            setOpen(false);
            onSent(message);
          }}
        />
      </Dialog>
    </>
  );
}

/** The 可办理事项 card: one button per offered form; nothing when none is offered. */
export function MessageActions({
  instanceKey,
  actions,
  onSent,
}: {
  instanceKey: string;
  actions: OfferedForm[];
  onSent(message: string, formId: string): void;
}) {
  if (!actions.length) return null;
  return (
    <section class="card" aria-labelledby="message-actions">
      <h2 id="message-actions">可办理事项</h2>
      <div class="form-actions">
        {actions.map((a) => (
          <MessageFormAction
            key={a.formId}
            instanceKey={instanceKey}
            offered={a}
            onSent={(message) => onSent(message, a.formId)}
          />
        ))}
      </div>
    </section>
  );
}
