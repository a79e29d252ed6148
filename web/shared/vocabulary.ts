// The Chinese names of codes that both the admin pages and the server's audit log show. Plain data with no
// imports, so the browser bundle and the server read the same table.

export const unitKindNames = {
  office: '专班办公室',
  member: '成员单位',
  associate: '协办单位（无周报）',
  external: '外部单位',
} as const;

export const indicatorSourceNames = {
  process: '流程计算',
  report: '单位填报',
  evaluation: '全市评价',
} as const;

export const calendarDayKindNames = { holiday: '放假', workday: '调休上班' } as const;
