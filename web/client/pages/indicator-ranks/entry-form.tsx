// 录入全市位次: the indicator (a unit user sees its own unit's), the evaluation period, the value, the rank and
// the number of districts ranked, and where the figure came from. The server's field errors show under the fields.
import { useState } from 'preact/hooks';
import { SelectField, TextField } from '../../components/fields';
import { api } from '../../shell/api';
import { useSave } from '../admin/use-save';
import { blankFigures, FigureFields, figureLabels, figuresBody, SaveNotice } from './figure-fields';
import type { RankedIndicator } from './types';

function currentQuarter(now = new Date()): string {
  return `${now.getFullYear()}-Q${Math.floor(now.getMonth() / 3) + 1}`;
}

export function RankEntryForm({ indicators, onSaved }: { indicators: RankedIndicator[]; onSaved(): void }) {
  const [indicatorCode, setIndicator] = useState(indicators[0]?.code ?? '');
  const [period, setPeriod] = useState(currentQuarter());
  const [figures, setFigures] = useState(blankFigures);
  const save = useSave(figureLabels({ indicatorCode: '指标', period: '评价期' }));
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = { indicatorCode, period, ...figuresBody(figures) };
    if (await save.run(() => api.post('/api/indicator-ranks/records', body), '已保存')) {
      // the districts ranked usually stay the same for the next indicator of the period
      setFigures({ ...blankFigures, rankedCount: figures.rankedCount });
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
      <FigureFields figures={figures} onChange={setFigures} errors={save.fields} />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={save.busy}>
          保存
        </button>
      </div>
    </form>
  );
}
