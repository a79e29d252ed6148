// 督导通报: the office's monthly supervision circulars with their period, date, counts and the .docx; the office
// and the leaders see all of them, a unit those sent to it. The office generates one now for a chosen month —
// once per month unless 重新生成 is ticked (a new revision, mailed again).
import { useState } from 'preact/hooks';
import { MonthPicker } from '../../components/month-picker';
import { PageHeader } from '../../components/page';
import { Empty, ErrorNotice, Loading, Notice } from '../../components/states';
import { useApi } from '../../components/use-api';
import { api } from '../../shell/api';
import { formatDateTime } from '../../shell/format';
import { useUser } from '../../shell/session';

interface CircularRow {
  id: number;
  period: string;
  title: string;
  trigger: string;
  revision: number;
  generatedAt: string;
  recipients: number;
  totals: { total: number; red: number; yellow: number; blue: number; closed: number; overdue: number };
  lateReports: number;
  missingReports: number;
}

function lastMonth(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

function GenerateForm({ onDone }: { onDone: (message: string) => void }) {
  const [period, setPeriod] = useState(lastMonth());
  const [regenerate, setRegenerate] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ period: string; revision: number; created: boolean }>('/api/circulars', {
        period,
        regenerate,
      });
      onDone(
        r.created
          ? `已生成${r.period}督导通报（第${r.revision}版）并发送各单位和专班领导。`
          : `${r.period}督导通报已存在，未重复发送；如需更新请勾选“重新生成”。`,
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="filter-bar" onSubmit={submit}>
      <MonthPicker label="通报月份" value={period} onValue={setPeriod} fromYear={2021} />
      <label class="filter-check">
        <input
          type="checkbox"
          checked={regenerate}
          onChange={(e) => setRegenerate((e.target as HTMLInputElement).checked)}
        />
        重新生成（已发布的通报将修订并重新发送）
      </label>
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {busy ? '正在生成…' : '立即生成通报'}
      </button>
      {error ? <ErrorNotice error={error} /> : null}
    </form>
  );
}

export default function CircularsPage() {
  const user = useUser();
  const { data, error, reload } = useApi<{ items: CircularRow[] }>('/api/circulars');
  const [done, setDone] = useState<string | null>(null);
  return (
    <section>
      <PageHeader
        title="督导通报"
        subtitle="区委政法委定期督导通报：整改台账分色统计、逾期事项、周报迟报未报"
      />
      {user.role === 'coordinator' && (
        <GenerateForm
          onDone={(m) => {
            setDone(m);
            reload();
          }}
        />
      )}
      {done && <Notice kind="success">{done}</Notice>}
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      {!data && !error && <Loading />}
      {data && data.items.length === 0 && (
        <Empty
          title="还没有督导通报"
          hint={user.role === 'coordinator' ? '每月1日自动生成上月通报，也可以选择月份立即生成。' : undefined}
        />
      )}
      {data && data.items.length > 0 && (
        <div class="table-wrap">
          <table class="data circulars-table">
            <thead>
              <tr>
                <th scope="col">期次</th>
                <th scope="col">生成时间</th>
                <th scope="col">在办事项</th>
                <th scope="col">红/黄/蓝</th>
                <th scope="col">本月销号</th>
                <th scope="col">逾期未整改</th>
                <th scope="col">周报迟报/未报</th>
                <th scope="col">通报文件</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    {c.period}
                    {c.revision > 1 ? `（第${c.revision}版）` : ''}
                  </td>
                  <td>
                    {formatDateTime(c.generatedAt)}
                    {c.trigger === 'schedule' ? '（定时）' : '（手动）'}
                  </td>
                  <td>{c.totals.total}</td>
                  <td>
                    {c.totals.red}/{c.totals.yellow}/{c.totals.blue}
                  </td>
                  <td>{c.totals.closed}</td>
                  <td>{c.totals.overdue}</td>
                  <td>
                    {c.lateReports}/{c.missingReports}
                  </td>
                  <td>
                    <a href={`/api/circulars/${c.id}/docx`} download>
                      下载 {c.title}.docx
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
