// 录入全市位次: the indicator (a unit user sees its own unit's), the evaluation period, the value, the rank and
// the number of districts ranked, and where the figure came from. The server's field errors show under the fields.
import { useState } from 'preact/hooks';
import { SelectField, TextField } from '../../components/fields';
import { Notice } from '../../components/states';
import { api } from '../../shell/api';
import { useSave } from '../admin/use-save';
import { figureOf, type RankedIndicator } from './types';

function currentQuarter(now = new Date()): string {
  return `${now.getFullYear()}-Q${Math.floor(now.getMonth() / 3) + 1}`;
}

/** The save's outcome above the form; when the fields carry the errors, the server's summary (which names the
 * fields by their API keys) gives way to a pointer to them. */
export function SaveNotice({ save }: { save: ReturnType<typeof useSave> }) {
  if (!save.message) return null;
  const atFields = save.message.kind === 'error' && Object.keys(save.fields).length > 0;
  return (
    <Notice kind={save.message.kind}>
      {atFields ? '输入有误，请按各项下方的提示修改' : save.message.text}
    </Notice>
  );
}

export function RankEntryForm({ indicators, onSaved }: { indicators: RankedIndicator[]; onSaved(): void }) {
  const [indicatorCode, setIndicator] = useState(indicators[0]?.code ?? '');
  const [period, setPeriod] = useState(currentQuarter());
  const [value, setValue] = useState('');
  const [cityRank, setRank] = useState('');
  const [rankedCount, setCount] = useState('');
  const [note, setNote] = useState('');
  const save = useSave();
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = {
      indicatorCode,
      period,
      value: figureOf(value),
      cityRank: figureOf(cityRank),
      rankedCount: figureOf(rankedCount),
      note: note.trim() || null,
    };
    if (await save.run(() => api.post('/api/indicator-ranks/records', body), '已保存')) {
      setValue('');
      setRank('');
      setNote('');
      onSaved();
    }
  };
  return (
    <form class="card rank-entry" onSubmit={submit} aria-label="录入全市位次">
      <h2>录入全市位次</h2>
      <SaveNotice save={save} />
      <SelectField
        label="指标"
        value={indicatorCode}
        onValue={setIndicator}
        error={save.fields.indicatorCode}
        options={indicators.map((i) => ({ value: i.code, label: i.name }))}
      />
      <TextField
        label="评价期"
        value={period}
        onValue={setPeriod}
        error={save.fields.period}
        hint="季度如 2026-Q3；也可填 2026（年）、2026-H1（半年）、2026-09（月）"
      />
      <TextField
        label="数值（可不填）"
        hint="得分或比率，0–100"
        inputMode="decimal"
        value={value}
        onValue={setValue}
        error={save.fields.value}
      />
      <TextField
        label="全市位次"
        inputMode="numeric"
        value={cityRank}
        onValue={setRank}
        error={save.fields.cityRank}
      />
      <TextField
        label="参评区县数"
        inputMode="numeric"
        value={rankedCount}
        onValue={setCount}
        error={save.fields.rankedCount}
      />
      <TextField label="来源/备注" value={note} onValue={setNote} error={save.fields.note} />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={save.busy}>
          保存
        </button>
      </div>
    </form>
  );
}
