// 宣传工作: the units' publicity — 庭审直播, 典型案例, 新闻发布会, reports in provincial or higher media — newest
// first, filtered by unit (the office and leaders) and dates; staff register their own unit's items. The items
// show in the week's report and count in 考核.
import { useLocation } from 'preact-iso/router';
import { useState } from 'preact/hooks';
import { PageHeader } from '../../components/page';
import { Empty, ErrorNotice, Loading, Notice } from '../../components/states';
import { useApi } from '../../components/use-api';
import { query } from '../../shell/api';
import { useUser } from '../../shell/session';
import { AddPublicityDialog, type PublicityOptions } from './add-dialog';
import { PublicityTable, type PublicityRow } from './publicity-table';

export default function PublicityPage() {
  const user = useUser();
  const { query: q, route } = useLocation();
  const filter = { unit: q.unit ?? '', from: q.from ?? '', to: q.to ?? '' };
  const { data, error, reload } = useApi<PublicityRow[]>(`/api/publicity${query(filter)}`);
  const options = useApi<PublicityOptions>('/api/publicity/options');
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState(false);
  const canAdd = user.role !== 'leader' && user.role !== 'admin';
  const go = (change: Partial<typeof filter>) => route(`/publicity${query({ ...filter, ...change })}`, true);

  return (
    <section>
      <PageHeader
        title="宣传工作"
        subtitle="庭审直播、发布典型案例、新闻发布会及省级以上媒体报道；计入当周周报和考核"
        actions={
          canAdd && (
            <button
              type="button"
              class="btn btn-primary"
              disabled={!options.data}
              onClick={() => setAdding(true)}
            >
              登记宣传
            </button>
          )
        }
      />
      <form class="filter-bar" onSubmit={(e) => e.preventDefault()}>
        {user.role !== 'unit-user' && user.role !== 'unit-lead' && (
          <label>
            单位
            <select value={filter.unit} onChange={(e) => go({ unit: (e.target as HTMLSelectElement).value })}>
              <option value="">全部单位</option>
              {options.data?.units.map((u) => (
                <option key={u.value} value={u.value}>
                  {u.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          起
          <input
            type="date"
            value={filter.from}
            onChange={(e) => go({ from: (e.target as HTMLInputElement).value })}
          />
        </label>
        <label>
          止
          <input
            type="date"
            value={filter.to}
            onChange={(e) => go({ to: (e.target as HTMLInputElement).value })}
          />
        </label>
      </form>
      {added && <Notice kind="success">已登记。</Notice>}
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      {!data && !error && <Loading />}
      {data && data.length === 0 && (
        <Empty
          title="还没有登记宣传工作"
          hint={canAdd ? '点击“登记宣传”录入本单位的宣传成果。' : undefined}
        />
      )}
      {data && data.length > 0 && <PublicityTable rows={data} />}
      {options.data && (
        <AddPublicityDialog
          open={adding}
          options={options.data}
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            setAdded(true);
            reload();
          }}
        />
      )}
    </section>
  );
}
