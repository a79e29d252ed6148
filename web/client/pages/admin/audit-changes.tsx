// An audit row's 变更内容 as the server words it: one line per field, 字段：旧值 → 新值 (a new record's fields
// with their values only, a removed one's struck through), a shortened text opening to its whole; the raw
// before/after stays one click away under 原始数据 for whoever needs the stored record itself.

export interface Shown {
  text: string;
  full?: string;
}

export interface Change {
  field: string;
  before?: Shown;
  after?: Shown;
}

function Value({ value, kind }: { value: Shown; kind: 'old' | 'new' }) {
  const text = kind === 'old' ? <del>{value.text}</del> : <ins>{value.text}</ins>;
  if (!value.full) return text;
  return (
    <>
      {text}
      <details class="audit-full">
        <summary>全文</summary>
        <p>{value.full}</p>
      </details>
    </>
  );
}

export function ChangeList({ changes }: { changes: Change[] }) {
  if (changes.length === 0) return <p class="muted audit-none">无字段变更</p>;
  return (
    <ul class="audit-changes">
      {changes.map((c) => (
        <li key={c.field}>
          <span class="audit-field">{c.field}：</span>
          {c.before && <Value value={c.before} kind="old" />}
          {c.before && c.after && <span aria-label="改为"> → </span>}
          {c.after && <Value value={c.after} kind="new" />}
        </li>
      ))}
    </ul>
  );
}

export function RawData({ before, after }: { before: unknown; after: unknown }) {
  return (
    <details class="audit-raw">
      <summary>原始数据</summary>
      <div class="audit-values">
        <div>
          <h4>变更前</h4>
          <pre>{before === null ? '（无）' : JSON.stringify(before, null, 2)}</pre>
        </div>
        <div>
          <h4>变更后</h4>
          <pre>{after === null ? '（无）' : JSON.stringify(after, null, 2)}</pre>
        </div>
      </div>
    </details>
  );
}
