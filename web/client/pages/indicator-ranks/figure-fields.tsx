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

/** The figures' labels for the save's summary, with the form's own fields added. */
export const figureLabels = (own: Record<string, string>): Record<string, string> => ({
  value: '数值',
  cityRank: '全市位次',
  rankedCount: '参评区县数',
  note: '来源/备注',
  ...own,
});

export function SaveNotice({ save }: { save: ReturnType<typeof useSave> }) {
  if (!save.message) return null;
  return <Notice kind={save.message.kind}>{save.message.text}</Notice>;
}
