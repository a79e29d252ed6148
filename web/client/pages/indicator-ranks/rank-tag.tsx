// A period's 全市位次 as a link to its record, green inside the 先进位次 and red outside — the same on the
// dashboard and the 全市位次 page.
import { rankText, recordHref, type RankRecord } from './types';

export function RankTag({ record, withPeriod }: { record: RankRecord; withPeriod?: boolean }) {
  return (
    <a
      href={recordHref(record.id)}
      class={record.advanced ? 'tag tag-green' : 'tag tag-red'}
      data-advanced={record.advanced ? 'yes' : 'no'}
    >
      {withPeriod ? `${record.period} ` : ''}
      {rankText(record)}
      <span class="visually-hidden">{record.advanced ? '（先进位次内）' : '（未进入先进位次）'}</span>
    </a>
  );
}

/** The periods oldest first, each rank linking to its record. */
export function RankTrend({ history }: { history: RankRecord[] }) {
  if (!history.length) return <span class="muted">尚未录入</span>;
  return (
    <ol class="rank-trend" aria-label="各期全市位次">
      {history.map((r) => (
        <li key={r.id}>
          <RankTag record={r} withPeriod />
        </li>
      ))}
    </ol>
  );
}
