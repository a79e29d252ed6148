// A save action for the admin forms: busy while it runs, the server's field errors and message after.
import { useState } from 'preact/hooks';
import { ApiError } from '../../shell/api';

export function useSave() {
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
        setMessage({ kind: 'error', text: err.detail ?? err.title });
      } else setMessage({ kind: 'error', text: String(err) });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, fields, message, run, clear: () => (setFields({}), setMessage(null)) };
}
