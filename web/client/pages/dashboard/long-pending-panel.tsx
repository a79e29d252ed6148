// 长期未结案件清理 (plan task 5) on 领导驾驶舱: this year's figures of the court's register, linking to it. The
// figures come with the dashboard's answer; the register's list stays on its own page.
import { LongPendingKpis } from '../case-reviews/long-pending-kpis';
import type { LongPendingFigures } from '../case-reviews/long-pending-types';

export function LongPendingPanel({ figures }: { figures: LongPendingFigures }) {
  return (
    <section class="card panel panel-wide" aria-label="长期未结案件清理">
      <h2>长期未结案件清理（本年度）</h2>
      <LongPendingKpis f={figures} />
      <a href="/case-reviews/long-pending">查看长期未结案件登记册</a>
    </section>
  );
}
