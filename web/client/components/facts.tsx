// A record's facts as label/value rows (the server's summary rows, already in Chinese), as the task, instance
// and case pages show them.
export function FactList({ rows }: { rows: [string, string][] }) {
  return (
    <dl class="tk-facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
