// What every .xlsx the office downloads shares (the ledger, 考核): bold Chinese headers on a shaded frozen first
// row with a filter, fixed widths, A4 landscape fitted to the width, rows that wrap, and text a spreadsheet could
// take for a formula (= + - @ at the start) kept a text cell — and how the file is sent.
import type { Response } from 'express';
import type ExcelJS from 'exceljs';

export interface SheetColumn {
  header: string;
  width: number;
}

const formulaLike = /^[=+\-@\t\r]/;

export function tableSheet(wb: ExcelJS.Workbook, name: string, columns: SheetColumn[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center' };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF3' } };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

/** Adds a data row; a formula-like text stays text. */
export function addSafeRow(ws: ExcelJS.Worksheet, values: (string | number | Date | null)[]): ExcelJS.Row {
  const row = ws.addRow(values.map((v) => v ?? ''));
  row.alignment = { vertical: 'top', wrapText: true };
  row.eachCell((cell) => {
    // A string cell is stored as text (t="s"), and the text format keeps a later edit from turning it into one.
    if (typeof cell.value === 'string' && formulaLike.test(cell.value)) cell.numFmt = '@';
  });
  return row;
}

export function sendXlsx(res: Response, body: Buffer, asciiName: string, name: string): void {
  res
    .status(200)
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .setHeader(
      'Content-Disposition',
      `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .setHeader('Cache-Control', 'no-store')
    .end(body);
}
