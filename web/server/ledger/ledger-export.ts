// The ledger as the office keeps it in its own spreadsheet (.xlsx): Chinese headers in a frozen first row,
// widths that fit the columns, the warning colour as a filled cell and an overdue deadline in red. Text a
// spreadsheet could take for a formula (= + - @ at the start) is written as a text cell, never a formula.
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { zone } from '../../../domain/calendar/deadline';
import { addSafeRow, tableSheet } from '../xlsx/sheet';
import type { presentRow } from './ledger-query';

type Row = ReturnType<typeof presentRow>;

export interface Column {
  header: string;
  width: number;
  value(row: Row, index: number): string | number | Date | null;
}

const day = (d: Date | null) => (d ? DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd') : null);

/** The columns of the export, which the import reads back by header. */
export const ledgerColumns: Column[] = [
  { header: '序号', width: 6, value: (_r, i) => i + 1 },
  { header: '编号', width: 14, value: (r) => r.number },
  { header: '问题来源', width: 11, value: (r) => r.sourceLabel },
  { header: '来源编号', width: 14, value: (r) => r.sourceRef },
  { header: '问题描述', width: 48, value: (r) => r.problem },
  { header: '责任单位', width: 12, value: (r) => r.leadUnit.shortName },
  { header: '协办单位', width: 14, value: (r) => r.assistingUnits.map((u) => u.shortName).join('、') },
  { header: '整改措施', width: 36, value: (r) => r.measures },
  { header: '完成时限', width: 12, value: (r) => day(r.dueAt) },
  { header: '整改进展', width: 40, value: (r) => r.lastProgress?.content ?? null },
  { header: '预警等级', width: 10, value: (r) => r.colorLabel },
  { header: '整改轮次', width: 9, value: (r) => r.round },
  { header: '状态', width: 14, value: (r) => r.statusLabel },
  { header: '销号日期', width: 12, value: (r) => day(r.closedAt) },
];

const fills: Record<string, string> = { red: 'FFF4C7C3', yellow: 'FFFFF2CC', blue: 'FFCFE2F3' };

export async function ledgerWorkbook(rows: Row[], generatedAt = new Date()): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'zhuanban';
  wb.created = generatedAt;
  const ws = tableSheet(wb, '整改台账', ledgerColumns);
  const colorColumn = ledgerColumns.findIndex((c) => c.header === '预警等级') + 1;
  const dueColumn = ledgerColumns.findIndex((c) => c.header === '完成时限') + 1;
  rows.forEach((r, i) => {
    const row = addSafeRow(
      ws,
      ledgerColumns.map((c) => c.value(r, i)),
    );
    const fill = fills[r.color];
    if (fill) row.getCell(colorColumn).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
    if (r.overdue) row.getCell(dueColumn).font = { color: { argb: 'FFC0392B' }, bold: true };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function exportFileName(now = new Date()): string {
  return `整改台账-${DateTime.fromJSDate(now, { zone }).toFormat('yyyyMMdd-HHmm')}.xlsx`;
}
