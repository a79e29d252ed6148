// 长期未结案件清理 (plan task 5) on 领导驾驶舱: this year's figures of the court's register, linking to it.
import { ErrorNotice, Loading } from '../../components/states';
import { useApi } from '../../components/use-api';
import { LongPendingKpis } from '../case-reviews/long-pending-kpis';
import type { LongPendingRegister } from '../case-reviews/long-pending-types';

export function LongPendingPanel() {
  // Only the open cases travel: the figures cover the whole register whatever the list's filter.
  const { data, error, reload } = useApi<LongPendingRegister>(
    '/api/case-reviews/long-pending?status=pending',
    {
      intervalMs: 60_000,
    },
  );
  return (
    <section class="card panel panel-wide" aria-label="长期未结案件清理">
      <h2>长期未结案件清理（本年度）</h2>
      {error && !data ? (
        <ErrorNotice error={error} retry={reload} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          <LongPendingKpis f={data.figures} />
          <a href="/case-reviews/long-pending">查看长期未结案件登记册</a>
        </>
      )}
    </section>
  );
}
