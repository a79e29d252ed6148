// The three states every page shows besides its content: loading, empty (with what to do next) and an error
// (with the server's own words and a way to try again).
import type { ComponentChildren } from 'preact';
import { ApiError } from '../shell/api';

export function Loading({ label = '正在加载…' }: { label?: string }) {
  return (
    <p class="state state-loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function Empty({
  title,
  hint,
  children,
}: {
  title: string;
  hint?: string;
  children?: ComponentChildren;
}) {
  return (
    <div class="state state-empty">
      <p class="state-title">{title}</p>
      {hint && <p class="state-hint">{hint}</p>}
      {children}
    </div>
  );
}

export function describeError(error: unknown): { title: string; detail?: string } {
  if (error instanceof ApiError) return { title: error.title, detail: error.detail };
  if (error instanceof Error) return { title: '出现错误', detail: error.message };
  return { title: '出现错误', detail: String(error) };
}

/** Asking again cannot change a refusal (not found, no permission, bad input); it can after a timeout or a
 * server or network failure. */
function retryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status >= 500 || error.status === 408 || error.status === 429 || error.status === 0;
}

export function ErrorNotice({ error, retry }: { error: unknown; retry?: () => void }) {
  const { title, detail } = describeError(error);
  return (
    <div class="notice notice-error" role="alert">
      <p class="notice-title">{title}</p>
      {detail && <p>{detail}</p>}
      {retry && retryable(error) && (
        <button type="button" class="btn" onClick={retry}>
          重试
        </button>
      )}
    </div>
  );
}

export function Notice({
  kind = 'info',
  children,
}: {
  kind?: 'info' | 'success' | 'warning' | 'error';
  children: ComponentChildren;
}) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
