// The instance page's subtitle: the business record a person knows the instance by (台账编号, 案件编号, 信访编号,
// 周次) with what it is about, linked to the record's page — or, for petitions, whose page this is, to the
// record's card below. Without a record, the process and when it started.
import { formatDateTime } from '../../shell/format';
import type { InstanceData } from './index';

export function RecordLine({ data }: { data: InstanceData }) {
  const r = data.record;
  if (!r) return <>{`${data.processName} · 开始于 ${formatDateTime(data.startDate)}`}</>;
  return (
    <>
      {r.kindLabel} <a href={r.page ?? '#inst-record'}>{r.number}</a>
      {r.title && r.title !== r.number ? ` · ${r.title}` : ''}
    </>
  );
}
