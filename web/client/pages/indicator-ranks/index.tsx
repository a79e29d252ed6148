// 全市位次 (plan task 13, §四(三)): each ranked indicator's 先进位次, its latest rank and its ranks across the
// evaluation periods, every rank leading to its record; the owning unit and the office enter a period's figure.
import { PageHeader } from '../../components/page';
import { Empty, ErrorNotice, Loading } from '../../components/states';
import { useApi } from '../../components/use-api';
import { useUser } from '../../shell/session';
import { RankEntryForm } from './entry-form';
import { RanksOrEmpty } from './rank-table';
import type { RankedIndicator } from './types';

const enters = ['coordinator', 'unit-user', 'unit-lead'];
const unitRoles = ['unit-user', 'unit-lead'];

export default function IndicatorRanksPage() {
  const user = useUser();
  const { data, error, reload } = useApi<RankedIndicator[]>('/api/indicator-ranks');
  if (error && !data) return <ErrorNotice error={error} retry={reload} />;
  if (!data) return <Loading />;
  const mayEnter = enters.includes(user.role);
  return (
    <section>
      <PageHeader
        title="全市位次"
        subtitle="各指标在全市区县中的位次，须进入先进位次（方案任务13、四（三））"
      />
      {data.length === 0 && unitRoles.includes(user.role) ? (
        <Empty title="本单位没有须录入全市位次的指标" hint="全市位次由负责相应指标的单位和专班办公室录入。" />
      ) : (
        <>
          {mayEnter && data.length > 0 && <RankEntryForm indicators={data} onSaved={reload} />}
          <RanksOrEmpty
            indicators={data}
            hint={
              mayEnter
                ? '在上方录入第一个评价期的位次后，这里显示各指标的最新位次和各期走势。'
                : '法院等责任单位或专班办公室录入后，这里显示各指标的最新位次和各期走势。'
            }
          />
        </>
      )}
    </section>
  );
}
