// The report tables' ISO weeks come from luxon: week-years with 53 weeks and the turn of the year in Asia/Shanghai.
import { isoWeekOf, weeksUpTo } from '../../web/server/reports/punctuality';

describe('ISO weeks of the report tables', () => {
  it('reads an instant in Asia/Shanghai and counts back over a 53-week year', () => {
    expect(isoWeekOf(new Date('2027-01-03T15:59:59Z'))).toBe('2026-W53'); // Sunday 23:59 there
    expect(isoWeekOf(new Date('2027-01-03T16:00:00Z'))).toBe('2027-W01'); // Monday 00:00 there
    expect(weeksUpTo('2027-W02', 4)).toEqual(['2026-W52', '2026-W53', '2027-W01', '2027-W02']);
    expect(weeksUpTo('2026-W02', 3)).toEqual(['2025-W52', '2026-W01', '2026-W02']);
  });
});
