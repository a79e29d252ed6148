// Mainland China's public holidays and adjusted working days (调休) for 2026 and 2027, the reference data the
// seed loads into the holiday calendar (admins maintain it afterwards through the admin API).
//
// 2026: the State Council General Office notice of 2025-11-04 (国务院办公厅关于2026年部分节假日安排的通知).
// 2027: PROVISIONAL. No official notice was available when this was written; the days are derived from the
// statutory holidays of 全国年节及纪念日放假办法 (2024 revision: New Year 1 day, Spring Festival 4 days from
// New Year's Eve, Qingming 1, Labour Day 2, Dragon Boat 1, Mid-Autumn 1, National Day 3) with a statutory day
// that falls on a weekend compensated on the next working day(s), and no adjusted working weekends. Replace it
// with the official notice (PUT /api/admin/calendars/2027) once published; `provisional` marks it until then.

export type DayKind = 'holiday' | 'workday';

export interface CalendarDayData {
  date: string; // YYYY-MM-DD in Asia/Shanghai
  kind: DayKind;
  name: string;
}

export interface CalendarYearData {
  year: number;
  source: string;
  provisional: boolean;
  days: CalendarDayData[];
}

function range(from: string, to: string, name: string): CalendarDayData[] {
  const out: CalendarDayData[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) {
    out.push({ date: new Date(t).toISOString().slice(0, 10), kind: 'holiday', name });
  }
  return out;
}

const work = (date: string, name: string): CalendarDayData => ({
  date,
  kind: 'workday',
  name: `${name}调休上班`,
});

export const chinaHolidays2026: CalendarYearData = {
  year: 2026,
  source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
  provisional: false,
  days: [
    ...range('2026-01-01', '2026-01-03', '元旦'),
    work('2026-01-04', '元旦'),
    work('2026-02-14', '春节'),
    ...range('2026-02-15', '2026-02-23', '春节'),
    work('2026-02-28', '春节'),
    ...range('2026-04-04', '2026-04-06', '清明节'),
    ...range('2026-05-01', '2026-05-05', '劳动节'),
    work('2026-05-09', '劳动节'),
    ...range('2026-06-19', '2026-06-21', '端午节'),
    work('2026-09-20', '国庆节'),
    ...range('2026-09-25', '2026-09-27', '中秋节'),
    ...range('2026-10-01', '2026-10-07', '国庆节'),
    work('2026-10-10', '国庆节'),
  ],
};

export const chinaHolidays2027: CalendarYearData = {
  year: 2027,
  source: '暂定：按《全国年节及纪念日放假办法》推算（国务院办公厅2027年安排发布后请替换）',
  provisional: true,
  days: [
    ...range('2027-01-01', '2027-01-03', '元旦'), // Fri + weekend
    ...range('2027-02-05', '2027-02-10', '春节'), // eve Fri 5th … 3rd day Mon 8th; Sat/Sun 6–7 compensated 9–10
    ...range('2027-04-03', '2027-04-05', '清明节'), // Mon 5th + weekend
    ...range('2027-05-01', '2027-05-04', '劳动节'), // Sat/Sun 1–2 compensated Mon/Tue 3–4
    ...range('2027-06-09', '2027-06-09', '端午节'), // Wed
    ...range('2027-09-15', '2027-09-15', '中秋节'), // Wed
    ...range('2027-10-01', '2027-10-05', '国庆节'), // Fri 1st; Sat/Sun 2–3 compensated Mon/Tue 4–5
  ],
};

export const chinaHolidays: CalendarYearData[] = [chinaHolidays2026, chinaHolidays2027];
