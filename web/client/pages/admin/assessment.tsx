// 管理 · 考核规则: the weight of each of the plan's five dimensions (together 100), whether the office scores it
// by hand or it is computed — then from which measures and in what shares (together 100) — and how many
// publicity items a unit is expected to register a quarter. The server checks the sums again and audits a save.
import { useEffect, useState } from 'preact/hooks';
import { FormProblems, fieldProblems } from '../../components/form-problems';
import { PageHeader } from '../../components/page';
import { ErrorNotice, Loading, Notice } from '../../components/states';
import { useApi } from '../../components/use-api';
import { api } from '../../shell/api';
import { AdminTabs } from './tabs';
import { useSave } from './use-save';

interface Rules {
  dimensions: {
    code: string;
    name: string;
    weight: number;
    manual: boolean;
    measures: { measure: string; share: number }[];
  }[];
  publicityTargetPerQuarter: number;
}

const measureLabels: Record<string, string> = {
  reportsOnTime: '周报按时报送率',
  ledgerOnTime: '台账事项按期销号率',
  indicatorAttainment: '指标达标率',
  taskProgress: '方案任务进展填报率',
  publicity: '宣传工作完成率',
  complaintResolution: '企业投诉解决率',
  longPendingClearance: '长期未结案件清结率',
};

interface Draft {
  code: string;
  name: string;
  weight: string;
  manual: boolean;
  shares: Record<string, string>;
}

const sum = (xs: string[]) => xs.reduce((a, x) => a + (Number(x) || 0), 0);

export default function AssessmentRulesPage() {
  const { data, error, reload } = useApi<Rules>('/api/admin/assessment-rules');
  const [dims, setDims] = useState<Draft[]>([]);
  const [target, setTarget] = useState('');
  // The server names a dimension by its place in the list (dimensions.2.weight); the row shows its name.
  const labels = (path: string) => {
    const [, i, part, , leaf] = path.split('.');
    const dim = i === undefined ? undefined : dims[Number(i)]?.name;
    if (path === 'publicityTargetPerQuarter') return '每季度宣传目标';
    if (!dim) return path === 'dimensions' ? '考核维度' : undefined;
    if (part === 'weight') return `${dim}权重`;
    if (part === 'manual') return `${dim}计分方式`;
    if (part === 'measures') return leaf === 'share' ? `${dim}计算项占比` : `${dim}计算项`;
    return dim;
  };
  const save = useSave(labels);
  useEffect(() => {
    if (!data) return;
    setDims(
      data.dimensions.map((d) => ({
        code: d.code,
        name: d.name,
        weight: String(d.weight),
        manual: d.manual,
        shares: Object.fromEntries(d.measures.map((m) => [m.measure, String(m.share)])),
      })),
    );
    setTarget(String(data.publicityTargetPerQuarter));
  }, [data]);
  const change = (i: number, patch: Partial<Draft>) =>
    setDims((ds) => ds.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const weights = sum(dims.map((d) => d.weight));

  const submit = async (e: Event) => {
    e.preventDefault();
    const body = {
      dimensions: dims.map((d) => ({
        code: d.code,
        weight: Number(d.weight),
        manual: d.manual,
        measures: d.manual
          ? []
          : Object.entries(d.shares)
              .filter(([, v]) => v.trim() !== '' && Number(v) !== 0)
              .map(([measure, share]) => ({ measure, share: Number(share) })),
      })),
      publicityTargetPerQuarter: Number(target),
    };
    if (await save.run(() => api.put('/api/admin/assessment-rules', body), '考核规则已保存')) reload();
  };

  return (
    <section>
      <PageHeader title="考核规则" subtitle="各考核维度的权重与计分方式；修改记入操作日志" />
      <AdminTabs />
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      {!data && !error && <Loading />}
      {data && (
        <form onSubmit={submit} noValidate>
          {save.message?.kind === 'success' && <Notice kind="success">{save.message.text}</Notice>}
          {save.message?.kind === 'error' && !Object.keys(save.fields).length && (
            <Notice kind="error">{save.message.text}</Notice>
          )}
          <div class="table-wrap">
            <table class="data rules-table">
              <thead>
                <tr>
                  <th scope="col">考核维度</th>
                  <th scope="col">权重</th>
                  <th scope="col">计分方式</th>
                  {Object.values(measureLabels).map((l) => (
                    <th scope="col" key={l}>
                      {l}
                      <span class="th-sub">占比（%）</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {dims.map((d, i) => (
                  <tr key={d.code}>
                    <th scope="row">{d.name}</th>
                    <td>
                      <input
                        class="num-input"
                        inputMode="decimal"
                        aria-label={`${d.name}权重`}
                        value={d.weight}
                        onInput={(e) => change(i, { weight: (e.target as HTMLInputElement).value })}
                      />
                    </td>
                    <td>
                      <select
                        aria-label={`${d.name}计分方式`}
                        value={d.manual ? 'manual' : 'computed'}
                        onChange={(e) =>
                          change(i, { manual: (e.target as HTMLSelectElement).value === 'manual' })
                        }
                      >
                        <option value="computed">系统计算</option>
                        <option value="manual">办公室评分</option>
                      </select>
                    </td>
                    {Object.entries(measureLabels).map(([m, l]) => (
                      <td key={m}>
                        <input
                          class="num-input"
                          inputMode="decimal"
                          aria-label={`${d.name} ${l}占比`}
                          disabled={d.manual}
                          value={d.manual ? '' : (d.shares[m] ?? '')}
                          onInput={(e) =>
                            change(i, { shares: { ...d.shares, [m]: (e.target as HTMLInputElement).value } })
                          }
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">合计</th>
                  <td class={weights === 100 ? '' : 'text-error'}>{weights}</td>
                  <td colSpan={1 + Object.keys(measureLabels).length} class="muted">
                    权重合计应为 100；系统计算的维度，各计算项占比合计应为 100
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          <div class="inline-fields">
            <label>
              每季度宣传目标（项）{' '}
              <input
                class="num-input"
                inputMode="numeric"
                value={target}
                onInput={(e) => setTarget((e.target as HTMLInputElement).value)}
              />
            </label>
          </div>
          {Object.keys(save.fields).length > 0 && <FormProblems items={fieldProblems(save.fields, labels)} />}
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" disabled={save.busy}>
              {save.busy ? '正在保存…' : '保存规则'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
