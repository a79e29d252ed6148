// 奖惩 of the period beside the scores: each unit's rewards and penalties with reason, basis, who decided and when,
// the decision's file and — for a 责令整改 — its ledger item. A unit sees its own; the office records them.
import { useState } from 'preact/hooks';
import { Empty, ErrorNotice, Loading, Notice } from '../../components/states';
import { useApi } from '../../components/use-api';
import { query } from '../../shell/api';
import { formatDate, formatDateTime } from '../../shell/format';
import { SanctionDialog } from './sanction-dialog';
import type { Sanction } from './types';

export function Sanctions({
  period,
  units,
  canRecord,
}: {
  period: string;
  units: { value: string; label: string }[];
  canRecord: boolean;
}) {
  const { data, error, reload } = useApi<{ items: Sanction[] }>(
    `/api/assessment/sanctions${query({ period })}`,
  );
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <section aria-labelledby="sanctions-title">
      <div class="section-head">
        <h2 id="sanctions-title">奖惩</h2>
        {canRecord && (
          <button type="button" class="btn" disabled={!units.length} onClick={() => setAdding(true)}>
            登记奖惩
          </button>
        )}
      </div>
      {saved && <Notice kind="success">{saved}</Notice>}
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      {!data && !error && <Loading />}
      {data && data.items.length === 0 && (
        <Empty
          title="本期尚无奖惩记录"
          hint={
            canRecord ? '按奖惩办法作出的表扬、奖励、批评、约谈、责令整改，点击“登记奖惩”录入。' : undefined
          }
        />
      )}
      {data && data.items.length > 0 && (
        <div class="table-wrap">
          <table class="data sanction-table">
            <thead>
              <tr>
                <th scope="col">单位</th>
                <th scope="col">类别</th>
                <th scope="col">事由</th>
                <th scope="col">依据</th>
                <th scope="col">决定机关</th>
                <th scope="col">决定日期</th>
                <th scope="col">决定文件</th>
                <th scope="col">整改台账</th>
                <th scope="col">录入</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((s) => (
                <tr key={s.id}>
                  <td>{s.unitName}</td>
                  <td>
                    <span class={`tag ${s.reward ? 'tag-green' : 'tag-red'}`}>{s.kindLabel}</span>
                  </td>
                  <td class="cell-text">{s.reason}</td>
                  <td class="cell-text">{s.basis}</td>
                  <td>{s.decidedBy}</td>
                  <td>{formatDate(s.decidedOn)}</td>
                  <td>
                    {s.attachment ? (
                      <a href={`/api/attachments/${s.attachment.id}/content`} download>
                        {s.attachment.fileName}
                      </a>
                    ) : (
                      <span class="muted">无</span>
                    )}
                  </td>
                  <td>
                    {s.ledgerItem ? (
                      <a href={`/ledger/${s.ledgerItem.id}`}>{s.ledgerItem.number}</a>
                    ) : (
                      <span class="muted">—</span>
                    )}
                  </td>
                  <td>
                    {s.enteredByName}
                    <span class="muted"> {formatDateTime(s.enteredAt)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canRecord && (
        <SanctionDialog
          open={adding}
          period={period}
          units={units}
          onClose={() => setAdding(false)}
          onSaved={(message) => {
            setAdding(false);
            setSaved(message);
            reload();
          }}
        />
      )}
    </section>
  );
}
