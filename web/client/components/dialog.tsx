// A modal dialog on the native <dialog> element: focus moves in and is held there, Esc closes it (unless it
// must be answered), and focus returns to where it was.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export function Dialog({
  open,
  title,
  onClose,
  dismissable = true,
  children,
  wide = false,
}: {
  open: boolean;
  title: string;
  onClose?: () => void;
  dismissable?: boolean;
  children: ComponentChildren;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      class={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        if (dismissable) onClose?.();
      }}
    >
      <header class="dialog-header">
        <h2>{title}</h2>
        {dismissable && (
          <button type="button" class="btn-icon" aria-label="关闭" onClick={() => onClose?.()}>
            ×
          </button>
        )}
      </header>
      <div class="dialog-body">{open && children}</div>
    </dialog>
  );
}
