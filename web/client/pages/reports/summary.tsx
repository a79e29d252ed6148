// The week's consolidated summary (周报汇总): the office's reviewed text, the figures against their targets,
// the process indicators and each unit's report — with the Word document to download and an A4 print.
// Before the office has consolidated the week it is a preview computed now.
import { useRoute } from 'preact-iso/router';
import { PageHeader } from '../../components/page';
import { ErrorNotice, Loading, Notice } from '../../components/states';
import { useApi } from '../../components/use-api';
import { formatDateTime } from '../../shell/format';

interface Summary {
  isoWeek: string;
  period: string;
  preview: boolean;
  reviewedAt: string | null;
  forwardedAt: string | null;
  meetingMinutes: string | null;
  text: string;
  consolidation: {
    figures: {
      indicatorCode: string;
      indicator: string;
      unitCode: string;
      unit: string;
      value: number | null;
      target: number;
      comparator: string;
      met: boolean | null;
      note: string | null;
    }[];
    processIndicators: { code: string; name: string; display: string; note: string }[];
    lateUnits: string[];
    missingUnits: string[];
    publicity?: { unit: string; kind: string; title: string; happenedOn: string; outlet: string | null }[];
  };
}

export default function SummaryPage() {
  const { params } = useRoute();
  const week = params.week;
  const { data, error, reload } = useApi<Summary>(`/api/reports/summaries/${encodeURIComponent(week)}`);
  if (error && !data)
    return (
      <section>
        <PageHeader title="周报汇总" />
        <ErrorNotice error={error} retry={reload} />
      </section>
    );
  if (!data) return <Loading />;
  const c = data.consolidation;
  return (
    <section class="summary-page">
      <PageHeader
        title={`${data.isoWeek} 工作周报汇总`}
        subtitle={data.period}
        actions={
          <>
            <a class="btn" href="/reports">
              返回周报
            </a>
            <a
              class="btn btn-primary"
              href={`/api/reports/summaries/${encodeURIComponent(week)}/docx`}
              download
            >
              下载 Word 文档
            </a>
            <button type="button" class="btn" onClick={() => window.print()}>
              打印
            </button>
          </>
        }
      />
      {data.preview && <Notice kind="info">本周尚未由专班办公室汇总，以下为按当前数据生成的预览。</Notice>}
      <div class="card">
        <h2>总体情况</h2>
        <p class="muted no-print">
          {data.reviewedAt ? `专班办公室已审核（${formatDateTime(data.reviewedAt)}）` : '尚未审核'}
          {data.forwardedAt ? `，已报送区营商办（${formatDateTime(data.forwardedAt)}）` : ''}
        </p>
        <p class="cell-text summary-text">{data.text}</p>
      </div>
      <div class="card">
        <h2>指标完成情况</h2>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">指标</th>
              <th scope="col">单位</th>
              <th scope="col">数值</th>
              <th scope="col">目标</th>
              <th scope="col">达标</th>
            </tr>
          </thead>
          <tbody>
            {c.figures.map((f) => (
              <tr key={`${f.indicatorCode}:${f.unitCode}`}>
                <td>{f.indicator}</td>
                <td>{f.unit}</td>
                <td>{f.value === null ? '—' : `${f.value}%`}</td>
                <td>
                  {f.comparator === '=' ? '' : '≥'}
                  {f.target}%
                </td>
                <td>
                  {f.met === null ? (
                    <span class="tag">无数据</span>
                  ) : f.met ? (
                    <span class="tag tag-green">达标</span>
                  ) : (
                    <span class="tag tag-red">未达标</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="card">
        <h2>流程数据</h2>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">指标</th>
              <th scope="col">数值</th>
              <th scope="col">说明</th>
            </tr>
          </thead>
          <tbody>
            {c.processIndicators.map((p) => (
              <tr key={p.code}>
                <td>{p.name}</td>
                <td>{p.display}</td>
                <td>{p.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          迟报单位：{c.lateUnits.length ? c.lateUnits.join('、') : '无'}；未报单位：
          {c.missingUnits.length ? c.missingUnits.join('、') : '无'}
        </p>
      </div>
      <div class="card">
        <h2>宣传工作</h2>
        {c.publicity?.length ? (
          <ul>
            {c.publicity.map((x, i) => (
              <li key={i}>
                {x.unit}：{x.happenedOn} {x.kind}《{x.title}》{x.outlet ? `（${x.outlet}）` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">本周无宣传工作登记。</p>
        )}
      </div>
      {data.meetingMinutes && (
        <div class="card">
          <h2>周例会纪要</h2>
          <p class="cell-text">{data.meetingMinutes}</p>
        </div>
      )}
    </section>
  );
}
