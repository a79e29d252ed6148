// One batch's sampled cases; a case with a problem is raised as an 整改台账 item (source 案件评查) in one step,
// naming the unit responsible for the rectification. Raised once: the sample then links to its item.
import { useState } from 'preact/hooks';
import { SelectField, TextField } from '../../components/fields';
import { ErrorNotice, Loading, Notice } from '../../components/states';
import { useApi } from '../../components/use-api';
import { api } from '../../shell/api';
import { useSave } from '../admin/use-save';
import type { Batch, Sample, UnitOption } from './types';

function RaiseForm({ sample, units, onDone }: { sample: Sample; units: UnitOption[]; onDone(): void }) {
  const [leadUnitCode, setLead] = useState(units[0]?.code ?? '');
  const [problem, setProblem] = useState(sample.problem ?? '');
  const save = useSave({ leadUnitCode: '整改责任单位', problem: '评查发现的问题' });
  return (
    <form
      class="raise-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const ok = await save.run(
          () => api.post(`/api/case-reviews/samples/${sample.id}/ledger-item`, { leadUnitCode, problem }),
          '已立为整改事项',
        );
        if (ok) onDone();
      }}
    >
      {save.message?.kind === 'error' && <Notice kind="error">{save.message.text}</Notice>}
      <SelectField
        label="整改责任单位"
        value={leadUnitCode}
        onValue={setLead}
        error={save.fields.leadUnitCode}
        options={units.map((u) => ({ value: u.code, label: u.name }))}
      />
      <TextField label="评查发现的问题" value={problem} onValue={setProblem} error={save.fields.problem} />
      <button type="submit" class="btn btn-primary btn-small" disabled={save.busy}>
        立为整改事项<span class="visually-hidden">（{sample.caseNumber}）</span>
      </button>
    </form>
  );
}

export function BatchDetail({
  id,
  units,
  onChanged,
}: {
  id: number;
  units: UnitOption[];
  onChanged(): void;
}) {
  const batch = useApi<Batch>(`/api/case-reviews/batches/${id}`);
  const [raising, setRaising] = useState<number | null>(null);
  if (batch.error) return <ErrorNotice error={batch.error} retry={batch.reload} />;
  if (!batch.data) return <Loading />;
  const b = batch.data;
  return (
    <div class="card" id="batch-detail">
      <h2>
        {b.title}（{b.unit.shortName}，{b.reviewedOn}）
      </h2>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">案号</th>
            <th scope="col">涉企</th>
            <th scope="col">发现的问题</th>
            <th scope="col">整改事项</th>
          </tr>
        </thead>
        <tbody>
          {b.samples.map((s) => (
            <tr key={s.id}>
              <td>{s.caseNumber}</td>
              <td>{s.enterpriseRelated ? <span class="tag tag-blue">涉企</span> : '否'}</td>
              <td class="cell-text">{s.problem ?? '—'}</td>
              <td>
                {s.ledgerItem ? (
                  <a href={`/ledger/${s.ledgerItem.id}`}>{s.ledgerItem.number}</a>
                ) : raising === s.id ? (
                  <RaiseForm
                    sample={s}
                    units={units}
                    onDone={() => {
                      setRaising(null);
                      batch.reload();
                      onChanged();
                    }}
                  />
                ) : (
                  <button type="button" class="btn btn-small" onClick={() => setRaising(s.id)}>
                    发现问题，立为整改事项<span class="visually-hidden">（{s.caseNumber}）</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
