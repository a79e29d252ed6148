// 发起: the processes this user may start by hand, each leading to its start form.
import { PageHeader } from '../../components/page';
import { Empty, ErrorNotice, Loading } from '../../components/states';
import { useApi } from '../../components/use-api';

interface Startable {
  processId: string;
  title: string;
  description: string;
}

export default function StartListPage() {
  const { data, error, loading, reload } = useApi<Startable[]>('/api/start-forms');
  return (
    <>
      <PageHeader title="发起" subtitle="登记新的事项，系统会自动编号并把任务派到相关单位" />
      {loading && !data && <Loading />}
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      {data && data.length === 0 && <Empty title="您的角色没有可发起的事项" />}
      {data && data.length > 0 && (
        <ul class="start-list">
          {data.map((s) => (
            <li key={s.processId} class="card">
              <h2>
                <a href={`/start/${s.processId}`}>{s.title}</a>
              </h2>
              <p class="muted">{s.description}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
