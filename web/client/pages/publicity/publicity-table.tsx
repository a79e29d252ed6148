// The publicity items as a table — on the 宣传 page and in a unit's weekly report.
export interface PublicityRow {
  id: number;
  unitCode: string;
  unitName: string;
  kind: string;
  kindLabel: string;
  title: string;
  happenedOn: string;
  outlet: string | null;
  mediaLevelLabel: string | null;
  link: string | null;
  participants: string | null;
}

export function PublicityTable({ rows, showUnit = true }: { rows: PublicityRow[]; showUnit?: boolean }) {
  return (
    <div class="table-wrap">
      <table class="data publicity-table">
        <thead>
          <tr>
            <th scope="col">日期</th>
            {showUnit && <th scope="col">单位</th>}
            <th scope="col">形式</th>
            <th scope="col">标题</th>
            <th scope="col">媒体</th>
            <th scope="col">邀请参与</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id}>
              <td>{p.happenedOn}</td>
              {showUnit && <td>{p.unitName}</td>}
              <td>{p.kindLabel}</td>
              <td class="cell-text">
                {p.link ? (
                  <a href={p.link} target="_blank" rel="noopener noreferrer">
                    {p.title}
                  </a>
                ) : (
                  p.title
                )}
              </td>
              <td>{p.outlet ? `${p.outlet}${p.mediaLevelLabel ? `（${p.mediaLevelLabel}）` : ''}` : '—'}</td>
              <td class="cell-text">{p.participants ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
