// A form-js form as a Preact component: mounts the schema with its data into a box, hands the page a handle
// to submit and to show the server's errors, and releases the form when the page goes.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorNotice, Loading } from '../components/states';
import { mountForm, type FormHandle, type FormSchema } from './viewer';

export function FormView({
  schema,
  data,
  readOnly = false,
  onReady,
}: {
  schema: FormSchema;
  data: Record<string, unknown>;
  readOnly?: boolean;
  onReady?(handle: FormHandle): void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | { error: unknown }>('loading');
  useEffect(() => {
    let handle: FormHandle | undefined;
    let gone = false;
    setState('loading');
    mountForm(box.current!, schema, data, { readOnly }).then(
      (h) => {
        if (gone) return h.destroy();
        handle = h;
        setState('ready');
        onReady?.(h);
      },
      (error) => !gone && setState({ error }),
    );
    return () => {
      gone = true;
      handle?.destroy();
    };
  }, [schema, readOnly]);
  return (
    <div class="zb-form">
      {state === 'loading' && <Loading label="正在加载表单…" />}
      {typeof state === 'object' && <ErrorNotice error={state.error} />}
      <div ref={box} class={readOnly ? 'zb-form-box zb-form-readonly' : 'zb-form-box'} />
    </div>
  );
}
