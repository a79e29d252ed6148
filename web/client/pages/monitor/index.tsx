// 流程监控: the four processes with their running, incident, overdue and finished-today counts (a unit user's
// counts are its unit's items), each leading to its live diagram.
import { PageHeader } from '../../components/page';
import { ErrorNotice, Loading } from '../../components/states';
import { useApi } from '../../components/use-api';
import { useUser } from '../../shell/session';

interface Overview {
  processes: {
    processId: string;
    name: string;
    deployed: boolean;
    version?: number;
    running?: number;
    incidents?: number;
    overdue?: number;
    finishedToday?: number | null;
  }[];
}

export default function MonitorOverview() {
  const user = useUser();
  const { data, error, loading, reload } = useApi<Overview>('/api/monitor', { intervalMs: 10_000 });
  const unit = user.role === 'unit-user' || user.role === 'unit-lead';
  return (
    <>
      <PageHeader
        title="流程监控"
        subtitle={
          unit ? '只统计与本单位有关的事项。' : '各流程正在运行的事项、故障和逾期情况，点开可看实时流程图。'
        }
      />
      {loading && !data && <Loading />}
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      {data && (
        <div class="monitor-cards">
          {data.processes.map((p) => (
            <section class="card monitor-card" key={p.processId} aria-labelledby={`mc-${p.processId}`}>
              <h2 id={`mc-${p.processId}`}>
                <a href={`/monitor/${p.processId}`}>{p.name}</a>
              </h2>
              {!p.deployed ? (
                <p class="muted">该流程尚未部署。</p>
              ) : (
                <dl class="monitor-figures">
                  <div>
                    <dt>运行中</dt>
                    <dd data-figure="running">{p.running}</dd>
                  </div>
                  <div class={p.incidents ? 'figure-bad' : ''}>
                    <dt>故障</dt>
                    <dd data-figure="incidents">{p.incidents}</dd>
                  </div>
                  <div class={p.overdue ? 'figure-warn' : ''}>
                    <dt>逾期</dt>
                    <dd data-figure="overdue">{p.overdue}</dd>
                  </div>
                  <div>
                    <dt>今日办结</dt>
                    <dd data-figure="finished">{p.finishedToday ?? '—'}</dd>
                  </div>
                </dl>
              )}
              {p.deployed && (
                <p class="monitor-card-foot">
                  <span class="muted">第 {p.version} 版</span>
                  <a class="btn btn-small" href={`/monitor/${p.processId}`}>
                    查看实时流程图
                  </a>
                </p>
              )}
            </section>
          ))}
        </div>
      )}
    </>
  );
}
