// A year + month picker in Chinese: the browser's own <input type="month"> renders its month names in the
// browser's UI language (English in this Chromium), so two labelled <select>s keep it zh-CN and keyboard usable.
// The value stays the API's 'YYYY-MM'.
import { useId } from 'preact/hooks';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

export function MonthPicker({
  label,
  value,
  onValue,
  fromYear,
  toYear = new Date().getFullYear(),
}: {
  label: string;
  value: string;
  onValue(value: string): void;
  fromYear?: number;
  toYear?: number;
}) {
  const id = useId();
  const [year, month] = value.split('-').map(Number);
  const first = Math.min(fromYear ?? toYear - 5, year || toYear);
  const last = Math.max(toYear, year || toYear);
  const years = Array.from({ length: last - first + 1 }, (_, i) => last - i);
  const emit = (y: number, m: number) => onValue(`${y}-${String(m).padStart(2, '0')}`);
  return (
    <fieldset class="month-picker" role="group" aria-labelledby={`${id}-legend`}>
      <span id={`${id}-legend`} class="month-picker-label">
        {label}
      </span>
      <select
        aria-label={`${label}：年份`}
        value={String(year)}
        onChange={(e) => emit(Number((e.target as HTMLSelectElement).value), month)}
      >
        {years.map((y) => (
          <option key={y} value={String(y)}>
            {y}年
          </option>
        ))}
      </select>
      <select
        aria-label={`${label}：月份`}
        value={String(month)}
        onChange={(e) => emit(year, Number((e.target as HTMLSelectElement).value))}
      >
        {MONTHS.map((m) => (
          <option key={m} value={String(m)}>
            {m}月
          </option>
        ))}
      </select>
    </fieldset>
  );
}
