// Dates, times and durations as people in the office read them: Asia/Shanghai, 2026年12月4日 周五 15:00.
const zone = 'Asia/Shanghai';

const dateTimeFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: zone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const timeFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: zone,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const dateFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: zone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const dayKeyFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: zone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const toDate = (v: string | number | Date) => (v instanceof Date ? v : new Date(v));

/** 2026/12/04 15:00 */
export function formatDateTime(v: string | number | Date | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  const d = toDate(v);
  return Number.isNaN(d.getTime()) ? String(v) : dateTimeFmt.format(d);
}

/** 15:00:07 — for figures that are seconds old. */
export function formatTimeOfDay(v: string | number | Date): string {
  const d = toDate(v);
  return Number.isNaN(d.getTime()) ? String(v) : timeFmt.format(d);
}

/** 2026/12/04; a plain YYYY-MM-DD is shown as that day, not shifted by time zones. */
export function formatDate(v: string | number | Date | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v.replace(/-/g, '/');
  const d = toDate(v);
  return Number.isNaN(d.getTime()) ? String(v) : dateFmt.format(d);
}

/** YYYY-MM-DD of the day in Asia/Shanghai. */
export function dayKey(v: string | number | Date): string {
  return dayKeyFmt.format(toDate(v));
}

/** 3天2小时, 45分钟, 不到1分钟 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 60_000) return '不到1分钟';
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days}天${hours}小时` : `${days}天`;
  if (hours > 0) return mins > 0 ? `${hours}小时${mins}分钟` : `${hours}小时`;
  return `${mins}分钟`;
}

/** How a due date stands today: overdue, due today, or later. */
export function dueState(
  due: string | null | undefined,
  now = new Date(),
): 'overdue' | 'today' | 'later' | 'none' {
  if (!due) return 'none';
  const d = toDate(due);
  if (Number.isNaN(d.getTime())) return 'none';
  if (d.getTime() < now.getTime()) return 'overdue';
  return dayKey(d) === dayKey(now) ? 'today' : 'later';
}
