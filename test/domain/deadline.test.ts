// The deadline service on real cases of the 2026 calendar: a 15-day rule across the National Day holiday,
// working-day rules across adjusted working Saturdays (调休), deadlines that fall on a holiday or weekend.
import { computeDeadline, WorkCalendar, type DeadlineRule } from '../../domain/calendar/deadline';
import { chinaHolidays } from '../../domain/calendar/holidays-cn';

const calendar = new WorkCalendar(
  chinaHolidays.flatMap((y) => y.days),
  chinaHolidays.map((y) => y.year),
);
const calendarDays = (days: number, more: Partial<DeadlineRule> = {}): DeadlineRule => ({
  days,
  kind: 'calendar',
  excludeStartDay: true,
  rollForwardOnHoliday: true,
  ...more,
});
const workingDays = (days: number, more: Partial<DeadlineRule> = {}): DeadlineRule => ({
  ...calendarDays(days, more),
  kind: 'working',
});
const due = (start: Date | string, rule: DeadlineRule) => computeDeadline(start, rule, calendar).dueDate;

describe('calendar-day rules', () => {
  it('counts a 15-day period straight across the National Day holiday', () => {
    expect(due('2026-09-28', calendarDays(15))).toBe('2026-10-13');
  });

  it('rolls a 15-day period that ends inside the National Day holiday to the first working day after it', () => {
    expect(due('2026-09-22', calendarDays(15))).toBe('2026-10-08');
    expect(due('2026-09-16', calendarDays(15))).toBe('2026-10-08');
  });

  it('keeps a due date on a holiday when the rule does not roll forward', () => {
    expect(due('2026-09-22', calendarDays(15, { rollForwardOnHoliday: false }))).toBe('2026-10-07');
  });

  it('rolls a deadline on Labour Day to the first working day (the acceptance notice of a petition)', () => {
    expect(due('2026-04-16', calendarDays(15))).toBe('2026-05-06');
  });

  it('rolls a deadline on an ordinary Sunday to Monday, but not one on an adjusted working Saturday', () => {
    expect(due('2026-03-07', calendarDays(15))).toBe('2026-03-23'); // Sun 22nd → Mon 23rd
    expect(due('2026-09-25', calendarDays(15))).toBe('2026-10-10'); // Sat 10 Oct is worked
  });

  it('counts the start day as day 1 when it is not excluded', () => {
    expect(due('2026-11-02', calendarDays(7, { excludeStartDay: false }))).toBe('2026-11-09'); // Sun 8th → Mon 9th
    expect(due('2026-11-03', calendarDays(7, { excludeStartDay: false }))).toBe('2026-11-09');
  });

  it('takes the Asia/Shanghai date of an instant: 20:00 UTC is already the next day in Beijing', () => {
    expect(due(new Date('2026-09-21T20:00:00Z'), calendarDays(15))).toBe('2026-10-08');
    expect(due(new Date('2026-09-12T15:59:59Z'), calendarDays(15, { rollForwardOnHoliday: false }))).toBe(
      '2026-09-27',
    );
    expect(due(new Date('2026-09-12T16:00:00Z'), calendarDays(15, { rollForwardOnHoliday: false }))).toBe(
      '2026-09-28',
    );
  });
});

describe('working-day rules', () => {
  it('counts an adjusted working Saturday as a working day (3 working days after National Day)', () => {
    expect(due('2026-10-08', workingDays(3))).toBe('2026-10-12'); // Fri 9, Sat 10 (worked), Mon 12
  });

  it('skips the whole Spring Festival and counts both adjusted Saturdays around it', () => {
    expect(due('2026-02-13', workingDays(7))).toBe('2026-03-02'); // 14, 24, 25, 26, 27, 28, 2 Mar
  });

  it('counts a working start day as day 1 when the start day is not excluded', () => {
    expect(due('2026-11-02', workingDays(3, { excludeStartDay: false }))).toBe('2026-11-04');
    expect(due('2026-11-01', workingDays(3, { excludeStartDay: false }))).toBe('2026-11-04'); // Sunday start
  });

  it('counts backwards for a reminder before a deadline and lands on a working day', () => {
    expect(due('2026-10-12', workingDays(-3))).toBe('2026-10-08'); // Sat 10 (worked), Fri 9, Thu 8
    expect(due('2026-10-12', workingDays(-4))).toBe('2026-09-30'); // … over the holiday to Wed 30 Sep
    expect(due('2026-10-09', workingDays(-1))).toBe('2026-10-08');
  });
});

describe('calendar coverage', () => {
  it('returns the end of the due day in Beijing time as the due instant', () => {
    const result = computeDeadline('2026-09-22', calendarDays(15), calendar);
    expect(result.dueAt.toISOString()).toBe('2026-10-08T15:59:59.999Z');
    expect(result.uncoveredYears).toEqual([]);
  });

  it('reports the years it had to assume weekends-only for', () => {
    const result = computeDeadline('2027-12-20', calendarDays(30), calendar);
    expect(result.dueDate).toBe('2028-01-19');
    expect(result.uncoveredYears).toEqual([2028]);
  });

  it('uses the provisional 2027 calendar across the year boundary', () => {
    expect(due('2026-12-17', calendarDays(15))).toBe('2027-01-04'); // Jan 1–3 2027 off
  });
});
