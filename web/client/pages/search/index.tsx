// Results of the header's search box: records by case, petition or ledger number, ISO week or enterprise name,
// within the user's scope, each with its process and the user's open tasks on it. One exact hit with one place
// to go is opened straight away.
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { PageHeader } from '../../components/page';
import { Empty, ErrorNotice, Loading } from '../../components/states';
import { useApi } from '../../components/use-api';
import { query } from '../../shell/api';
import type { RecordRef } from '../tasks/types';

interface Answer {
  q: string;
  exact: boolean;
  results: (RecordRef & { tasks: { userTaskKey: string; name: string }[] })[];
  jump: string | null;
}

export default function SearchPage() {
  const { query: q, route } = useLocation();
  const term = (q.q ?? '').trim();
  const { data, error, loading, reload } = useApi<Answer>(term ? `/api/search${query({ q: term })}` : null);
  useEffect(() => {
    if (data?.jump && data.q === term && q.stay !== '1') route(data.jump, true);
  }, [data]);
  return (
    <>
      <PageHeader
        title="查找"
        subtitle={term ? `“${term}”的查找结果` : '在页面顶部输入案件号、信访编号、台账编号、周次或企业名称'}
      />
      {!term && (
        <Empty
          title="请输入要查找的内容"
          hint="例如 XT-2026-001、XF-2026-0001、ZG-2026-017、2026-W48 或企业名称"
        />
      )}
      {loading && !data && <Loading />}
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      {data && data.results.length === 0 && (
        <Empty title="没有找到" hint="请检查编号，或输入企业名称的一部分再试；只显示您有权查看的事项" />
      )}
      {data && data.results.length > 0 && (
        <div class="table-wrap">
          <table class="data">
            <caption class="visually-hidden">查找结果</caption>
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">类别</th>
                <th scope="col">内容</th>
                <th scope="col">状态</th>
                <th scope="col">我的待办</th>
              </tr>
            </thead>
            <tbody>
              {data.results.map((r) => (
                <tr key={`${r.kind}-${r.id}`}>
                  <td>
                    <a href={r.link}>{r.number}</a>
                    {r.flag && <span class="tag tag-red">{r.flag}</span>}
                  </td>
                  <td>{r.kindLabel}</td>
                  <td>{r.title}</td>
                  <td>{r.status}</td>
                  <td>
                    {r.tasks.length === 0 ? (
                      <span class="muted">无</span>
                    ) : (
                      r.tasks.map((t) => (
                        <div key={t.userTaskKey}>
                          <a href={`/tasks/${t.userTaskKey}`}>{t.name}</a>
                        </div>
                      ))
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
