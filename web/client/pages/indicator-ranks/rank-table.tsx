// The ranked indicators as a table — on the 全市位次 page and on 领导驾驶舱 alike: the 先进位次, the latest rank
// (red outside, green inside) with its move since the period before, every period's rank, each to its record.
import { Empty } from '../../components/states';
import { RankTag, RankTrend } from './rank-tag';
import type { RankedIndicator, RankRecord } from './types';

/** A smaller rank is better, so a drop in the number is a rise in position. */
function RankMove({ history }: { history: RankRecord[] }) {
  const [before, latest] = history.slice(-2);
  if (!before || !latest) return null;
  const rise = before.cityRank - latest.cityRank;
  const text = rise > 0 ? `较上期上升${rise}位` : rise < 0 ? `较上期下降${-rise}位` : '与上期持平';
  return <span class={rise < 0 ? 'rank-move rank-down' : 'rank-move'}>{text}</span>;
}

export const anyEntered = (indicators: RankedIndicator[]) => indicators.some((i) => i.history.length > 0);

/** Says so when no period has been entered yet rather than showing a table of blanks. */
export function RanksOrEmpty({ indicators, hint }: { indicators: RankedIndicator[]; hint: string }) {
  if (!indicators.length)
    return <Empty title="没有设先进位次的指标" hint="系统管理员为指标设定先进位次后，这里显示其全市位次。" />;
  if (!anyEntered(indicators)) return <Empty title="尚未录入任何评价期的全市位次" hint={hint} />;
  return <RankTable indicators={indicators} />;
}

export function RankTable({ indicators }: { indicators: RankedIndicator[] }) {
  return (
    <table class="data rank-table">
      <thead>
        <tr>
          <th scope="col">指标</th>
          <th scope="col">责任单位</th>
          <th scope="col">先进位次</th>
          <th scope="col">最新位次</th>
          <th scope="col">各期位次（由远及近）</th>
        </tr>
      </thead>
      <tbody>
        {indicators.map((i) => (
          <tr key={i.code} data-indicator={i.code}>
            <th scope="row">{i.name}</th>
            <td>{i.owners.map((o) => o.name).join('、')}</td>
            <td>前{i.advancedRank}名</td>
            <td class="rank-latest">
              {i.latest ? (
                <>
                  <RankTag record={i.latest} withPeriod />
                  <RankMove history={i.history} />
                  {i.latest.ledgerItemId && (
                    <a class="rank-move" href={`/ledger/${i.latest.ledgerItemId}`}>
                      已列入整改台账
                    </a>
                  )}
                </>
              ) : (
                <span class="muted">尚未录入</span>
              )}
            </td>
            <td>
              <RankTrend history={i.history} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
