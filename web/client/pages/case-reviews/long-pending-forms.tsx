// What the court or the office does to an open long-pending case, each a small form on the case's panel: record
// progress, close it (date and way), and 即时整改 — into a review batch as a sample, or onto the ledger as an
// item (source 案件评查) that starts its rectification process.
import { useState } from 'preact/hooks';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { Notice } from '../../components/states';
import { api } from '../../shell/api';
import { useSave } from '../admin/use-save';
import type { BatchRow, UnitOption } from './types';
import { closingMethodNames } from './long-pending-types';

const path = (id: number, tail: string) => `/api/case-reviews/long-pending/${id}/${tail}`;
const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });

function Failure({ save }: { save: ReturnType<typeof useSave> }) {
  return save.message?.kind === 'error' ? <Notice kind="error">{save.message.text}</Notice> : null;
}

export function ProgressForm({ id, onDone }: { id: number; onDone(): void }) {
  const [content, setContent] = useState('');
  const save = useSave({ content: '清理进展' });
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await save.run(() => api.post(path(id, 'progress'), { content }), '进展已记录')) {
      setContent('');
      onDone();
    }
  };
  return (
    <form onSubmit={submit} aria-label="记录清理进展">
      <Failure save={save} />
      <TextAreaField label="清理进展" value={content} onValue={setContent} error={save.fields.content} />
      <button type="submit" class="btn btn-primary btn-small" disabled={save.busy}>
        记录进展
      </button>
    </form>
  );
}

export function CloseForm({ id, onDone }: { id: number; onDone(): void }) {
  const [closedOn, setClosedOn] = useState(today());
  const [closingMethod, setMethod] = useState('judgment');
  const [note, setNote] = useState('');
  const save = useSave({ closedOn: '结案日期', closingMethod: '结案方式', note: '结案说明' });
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await save.run(() => api.post(path(id, 'close'), { closedOn, closingMethod, note }), '已结案'))
      onDone();
  };
  return (
    <form onSubmit={submit} aria-label="结案">
      <Failure save={save} />
      <TextField
        label="结案日期"
        type="date"
        value={closedOn}
        onValue={setClosedOn}
        error={save.fields.closedOn}
      />
      <SelectField
        label="结案方式"
        value={closingMethod}
        onValue={setMethod}
        error={save.fields.closingMethod}
        options={Object.entries(closingMethodNames).map(([value, label]) => ({ value, label }))}
      />
      <TextField label="结案说明（可不填）" value={note} onValue={setNote} error={save.fields.note} />
      <button type="submit" class="btn btn-primary btn-small" disabled={save.busy}>
        确认结案
      </button>
    </form>
  );
}

export function ReviewForm({ id, batches, onDone }: { id: number; batches: BatchRow[]; onDone(): void }) {
  const [batchId, setBatchId] = useState(String(batches[0]?.id ?? ''));
  const [problem, setProblem] = useState('');
  const save = useSave({ batchId: '评查批次', problem: '评查发现的问题' });
  if (!batches.length)
    return <p class="muted">本年度没有可加入的评查批次，请先在“评查批次与涉企占比”中录入批次。</p>;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await save.run(() => api.post(path(id, 'review-sample'), { batchId, problem }), '已转入评查'))
      onDone();
  };
  return (
    <form onSubmit={submit} aria-label="转入评查">
      <Failure save={save} />
      <SelectField
        label="评查批次"
        value={batchId}
        onValue={setBatchId}
        error={save.fields.batchId}
        options={batches.map((b) => ({
          value: String(b.id),
          label: `${b.title}（${b.unit.shortName}，${b.reviewedOn}）`,
        }))}
      />
      <TextField
        label="评查发现的问题（可不填）"
        value={problem}
        onValue={setProblem}
        error={save.fields.problem}
      />
      <button type="submit" class="btn btn-small" disabled={save.busy}>
        加入评查批次
      </button>
    </form>
  );
}

export function RaiseForm({ id, units, onDone }: { id: number; units: UnitOption[]; onDone(): void }) {
  const [leadUnitCode, setLead] = useState(
    units.find((u) => u.code === 'court')?.code ?? units[0]?.code ?? '',
  );
  const [problem, setProblem] = useState('');
  const save = useSave({ leadUnitCode: '整改责任单位', problem: '需整改的问题' });
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await save.run(() => api.post(path(id, 'ledger-item'), { leadUnitCode, problem }), '已立为整改事项'))
      onDone();
  };
  return (
    <form onSubmit={submit} aria-label="立为整改事项">
      <Failure save={save} />
      <SelectField
        label="整改责任单位"
        value={leadUnitCode}
        onValue={setLead}
        error={save.fields.leadUnitCode}
        options={units.map((u) => ({ value: u.code, label: u.name }))}
      />
      <TextAreaField label="需整改的问题" value={problem} onValue={setProblem} error={save.fields.problem} />
      <button type="submit" class="btn btn-small" disabled={save.busy}>
        立为整改事项
      </button>
    </form>
  );
}
