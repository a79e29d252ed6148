// 导入台账: the office uploads its own ledger spreadsheet (the export's layout). The server checks every row
// first; when any is wrong nothing is imported and each problem is listed here by row and column.
import { useEffect, useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog';
import { Notice } from '../../components/states';
import { api, ApiError } from '../../shell/api';

export function ImportDialog({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose(): void;
  onImported(count: number): void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [done, setDone] = useState<number | null>(null);

  // A fresh dialog each time it opens: no file, message or error from the last import.
  useEffect(() => {
    if (!open) return;
    setFile(null);
    setError(null);
    setDone(null);
  }, [open]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) return setError(new Error('请选择要导入的 Excel 文件（.xlsx）'));
    setBusy(true);
    setError(null);
    const form = new FormData();
    form.set('file', file);
    try {
      const res = await api.post<{ imported: number }>('/api/ledger/import', form);
      setDone(res.imported);
      onImported(res.imported);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  const rows = error instanceof ApiError ? Object.entries(error.fields) : [];
  return (
    <Dialog open={open} title="导入台账" onClose={onClose} wide>
      <form onSubmit={submit}>
        <p>
          请上传与“导出
          Excel”格式相同的工作簿，第1行为表头，至少包含：问题来源、问题描述、责任单位、完成时限。
          有任何一行不符合要求时，整个文件都不会导入。
        </p>
        {done !== null && <Notice kind="success">已导入 {done} 项。</Notice>}
        {error && (
          <div class="notice notice-error" role="alert">
            <p class="notice-title">{error instanceof ApiError ? error.title : '无法导入'}</p>
            <p>{error instanceof ApiError ? error.detail : error.message}</p>
            {rows.length > 0 && (
              <ul class="import-errors">
                {rows.map(([where, message]) => (
                  <li key={where}>
                    {where}：{message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div class="field">
          <label for="ledger-import-file">Excel 文件</label>
          <input
            key={String(open)}
            id="ledger-import-file"
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile((e.target as HTMLInputElement).files?.[0] ?? null);
              setDone(null);
              setError(null);
            }}
          />
        </div>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? '正在导入…' : '导入'}
          </button>
          <button type="button" class="btn" onClick={onClose}>
            关闭
          </button>
        </div>
      </form>
    </Dialog>
  );
}
