// A message form on the instance page (会议改期, 申请延期): the button the server offered, and its dialog holding
// the form-js form. The server checks the form's rules again and its own (a time in the past, a date beyond the
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
