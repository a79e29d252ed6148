// A period's figures as typed — value, rank, districts ranked, source — shared by entering and correcting, with
// the save's outcome above them.
import { TextField } from '../../components/fields';
import { Notice } from '../../components/states';
import type { useSave } from '../admin/use-save';

export interface FigureText {
  value: string;
  cityRank: string;
  rankedCount: string;
  note: string;
}

export const blankFigures: FigureText = { value: '', cityRank: '', rankedCount: '', note: '' };

/** Blank is none and a number is sent as one; anything else goes as typed so the server names the field
 * (Number('abc') is NaN, which JSON sends as null — a silent blank). */
function figureOf(text: string): number | string | null {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

export const figuresBody = (f: FigureText) => ({
  value: figureOf(f.value),
  cityRank: figureOf(f.cityRank),
  rankedCount: figureOf(f.rankedCount),
  note: f.note.trim() || null,
});

const fields: { key: keyof FigureText; label: string; hint?: string; inputMode?: 'decimal' | 'numeric' }[] = [
  { key: 'value', label: '数值（可不填）', hint: '得分或比率，0–100', inputMode: 'decimal' },
  { key: 'cityRank', label: '全市位次', inputMode: 'numeric' },
  { key: 'rankedCount', label: '参评区县数', inputMode: 'numeric' },
  { key: 'note', label: '来源/备注' },
];

export function FigureFields({
  figures,
  onChange,
  errors,
}: {
  figures: FigureText;
  onChange(f: FigureText): void;
  errors: Record<string, string>;
}) {
  return (
    <>
      {fields.map(({ key, ...props }) => (
        <TextField
          key={key}
          {...props}
          value={figures[key]}
          onValue={(v) => onChange({ ...figures, [key]: v })}
          error={errors[key]}
        />
      ))}
    </>
  );
}

/** When the fields carry the errors, the server's summary (which names them by their API keys) gives way to a
 * pointer to them. */
export function SaveNotice({ save }: { save: ReturnType<typeof useSave> }) {
  if (!save.message) return null;
  const atFields = save.message.kind === 'error' && Object.keys(save.fields).length > 0;
  return (
    <Notice kind={save.message.kind}>
      {atFields ? '输入有误，请按各项下方的提示修改' : save.message.text}
    </Notice>
  );
}
