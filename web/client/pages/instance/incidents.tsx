// The instance's incidents with their error message, and for admins and the office: retry (the job gets its
// retries back and the incident is resolved), or set a variable first and then retry.
import { useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog';
import { TextField } from '../../components/fields';
import { Notice } from '../../components/states';
import { api, ApiError } from '../../shell/api';
import { formatDateTime } from '../../shell/format';
import type { InstanceData } from './index';

export function IncidentsPanel({
  data,
  mayRetry,
  onDone,
}: {
  data: InstanceData;
  mayRetry: boolean;
  onDone(): void;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  if (data.incidents.length === 0) return null;

  const retry = async (incidentKey: string, variables?: Record<string, unknown>) => {
    setBusy(true);
    setMessage(null);
    try {
      await api.post(
        `/api/instances/${data.processInstanceKey}/incidents/${incidentKey}/retry`,
        variables ? { variables } : {},
      );
      setMessage({ kind: 'success', text: '已重试，故障已解决，流程继续运行。' });
      setEditing(null);
      onDone();
    } catch (e) {
      setMessage({
        kind: 'error',
        text: e instanceof ApiError ? `${e.title}：${e.detail ?? ''}` : '重试失败',
      });
    } finally {
      setBusy(false);
    }
  };

  const submitEdit = () => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      setFieldError('变量名只能含字母、数字和下划线，且不能以数字开头');
      return;
    }
    let parsed: unknown = value;
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = value; // plain text is a string value
    }
    setFieldError(undefined);
    void retry(editing!, { [name]: parsed });
  };

  return (
    <section class="card" aria-labelledby="inst-incidents">
      <h2 id="inst-incidents">故障</h2>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <table class="data">
        <thead>
          <tr>
            <th scope="col">环节</th>
            <th scope="col">错误信息</th>
            <th scope="col">发生时间</th>
            <th scope="col">状态</th>
            {mayRetry && <th scope="col">处理</th>}
          </tr>
        </thead>
        <tbody>
          {data.incidents.map((i) => (
            <tr key={i.incidentKey}>
              <td>{i.elementName}</td>
              <td class="incident-message">{i.errorMessage || i.errorType}</td>
              <td>{formatDateTime(i.creationTime)}</td>
              <td>{i.state === 'ACTIVE' ? <span class="tag tag-red">未解决</span> : '已解决'}</td>
              {mayRetry && (
                <td>
                  {i.retryable && (
                    <span class="button-row">
                      <button
                        type="button"
                        class="btn btn-small"
                        disabled={busy}
                        onClick={() => void retry(i.incidentKey)}
                      >
                        重试
                      </button>
                      <button
                        type="button"
                        class="btn btn-small"
                        disabled={busy}
                        onClick={() => setEditing(i.incidentKey)}
                      >
                        修改变量后重试
                      </button>
                    </span>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <Dialog open={editing !== null} title="修改变量后重试" onClose={() => setEditing(null)}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submitEdit();
          }}
        >
          <TextField label="变量名" value={name} onValue={setName} error={fieldError} required />
          <TextField
            label="新值"
            value={value}
            onValue={setValue}
            hint="数字、true/false、[…] 或 {…} 按 JSON 理解，其余按文字保存"
          />
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" disabled={busy}>
              保存并重试
            </button>
            <button type="button" class="btn" onClick={() => setEditing(null)}>
              取消
            </button>
          </div>
        </form>
      </Dialog>
    </section>
  );
}
