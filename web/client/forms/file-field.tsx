// The form's file field (form-js `filepicker`) as the office needs it: choosing a file uploads it at once to
// /api/attachments (type and size checked by the server), and the field's value is the list of attachment ids —
// what the process keeps and the server checks. Each file shows its name with a download link and a remove
// button; upload errors are shown under the field in Chinese.
import { useEffect, useId, useState } from 'preact/hooks';
import { api, ApiError } from '../shell/api';

interface Meta {
  id: number;
  fileName: string;
  sizeBytes: number;
}

interface FieldProps {
  field: { label?: string; multiple?: boolean; accept?: string; validate?: { required?: boolean } };
  value: unknown;
  errors?: string[];
  disabled?: boolean;
  readonly?: boolean;
  domId: string;
  onChange(update: { value: unknown }): void;
}

const known = new Map<number, Meta>();

function ids(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
}

function size(bytes: number): string {
  return bytes >= 1048576
    ? `${(bytes / 1048576).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function AttachmentField(props: FieldProps) {
  const { field, value, errors = [], disabled, readonly, domId, onChange } = props;
  const current = ids(value);
  const [, setTick] = useState(0);
  const [busy, setBusy] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const hintId = useId();
  const locked = disabled || readonly;

  useEffect(() => {
    const missing = current.filter((id) => !known.has(id));
    if (!missing.length) return;
    void Promise.all(
      missing.map((id) =>
        api.get<Meta>(`/api/attachments/${id}`).then(
          (m) => known.set(id, m),
          () => known.set(id, { id, fileName: `附件 ${id}`, sizeBytes: 0 }),
        ),
      ),
    ).then(() => setTick((t) => t + 1));
  }, [current.join(',')]);

  const upload = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    setUploadError(null);
    const added: number[] = [];
    try {
      for (const file of Array.from(files)) {
        const body = new FormData();
        body.append('file', file, file.name);
        const meta = await api.post<Meta>('/api/attachments', body);
        known.set(meta.id, meta);
        added.push(meta.id);
      }
    } catch (e) {
      setUploadError(
        e instanceof ApiError ? (e.detail ? `${e.title}：${e.detail}` : e.title) : '上传失败，请重试',
      );
    } finally {
      setBusy(false);
    }
    if (added.length) onChange({ value: field.multiple ? [...current, ...added] : added.slice(-1) });
  };

  const all = [...errors, ...(uploadError ? [uploadError] : [])];
  return (
    <div class={`fjs-form-field fjs-form-field-filepicker zb-files${all.length ? ' fjs-has-errors' : ''}`}>
      <label class="fjs-form-field-label" for={domId}>
        {field.label}
        {field.validate?.required && (
          <span class="fjs-asterix" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {current.length > 0 && (
        <ul class="zb-file-list">
          {current.map((id) => {
            const m = known.get(id);
            return (
              <li key={id}>
                <a href={`/api/attachments/${id}/content`} download>
                  {m?.fileName ?? `附件 ${id}`}
                </a>
                {m?.sizeBytes ? <span class="zb-file-size">{size(m.sizeBytes)}</span> : null}
                {!locked && (
                  <button
                    type="button"
                    class="btn btn-small"
                    aria-label={`移除 ${m?.fileName ?? id}`}
                    onClick={() => onChange({ value: current.filter((x) => x !== id) })}
                  >
                    移除
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {!locked && (
        <input
          id={domId}
          type="file"
          class="zb-file-input"
          multiple={field.multiple || undefined}
          accept={field.accept || undefined}
          disabled={busy}
          aria-describedby={hintId}
          onChange={(e) => {
            const input = e.target as HTMLInputElement;
            void upload(input.files).then(() => (input.value = ''));
          }}
        />
      )}
      <p id={hintId} class="fjs-form-field-description">
        {busy ? '正在上传…' : '可上传 PDF、图片、Word、Excel 或 ZIP，单个文件不超过 20 MB'}
      </p>
      {all.length > 0 && (
        <div class="fjs-form-field-error" role="alert">
          <ul>
            {all.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

AttachmentField.config = {
  type: 'filepicker',
  keyed: true,
  label: '附件',
  group: 'basic-input',
  emptyValue: [],
  sanitizeValue: ({ value }: { value: unknown }) => ids(value),
  create: (options = {}) => ({ ...options }),
};

class AttachmentFields {
  static $inject = ['formFields'];
  constructor(formFields: { register(type: string, field: unknown): void }) {
    formFields.register('filepicker', AttachmentField);
  }
}

/** The form-js module that puts the attachment field in place of the built-in file picker. */
export const attachmentFieldModule = {
  __init__: ['attachmentFields'],
  attachmentFields: ['type', AttachmentFields],
};
