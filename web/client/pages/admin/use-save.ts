// A save action for the admin forms: busy while it runs, the server's field errors and message after. The
// message names each refused field by the form's own label (`labels`), not by the API's key.
import { useState } from 'preact/hooks';
import { problemText, type FieldLabels } from '../../components/form-problems';
import { ApiError } from '../../shell/api';

export function useSave(labels: FieldLabels) {
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const run = async (action: () => Promise<unknown>, success: string): Promise<boolean> => {
    setBusy(true);
    setFields({});
    setMessage(null);
    try {
      await action();
      setMessage({ kind: 'success', text: success });
      return true;
    } catch (err) {
      if (err instanceof ApiError) {
        setFields(err.fields);
        setMessage({ kind: 'error', text: problemText(err, labels) });
      } else setMessage({ kind: 'error', text: String(err) });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, fields, message, run, clear: () => (setFields({}), setMessage(null)) };
}
