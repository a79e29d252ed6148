// Import of a ledger spreadsheet the office already keeps (the export's layout, headers in row 1): every row
// is checked first — source, unit, deadline, state, number — and if any row is wrong the answer lists each
// problem by row number and nothing is imported; otherwise all rows go in one transaction with their audit rows.
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { audit, audited, type Actor } from '../../../domain/audit';
import { endOfDueDay, zone } from '../../../domain/calendar/deadline';
import type { Db } from '../../../domain/db/client';
import type { LedgerColor, LedgerSource, LedgerStatus } from '../../../prisma/generated/sqlite/client';
import { HttpError } from '../http/problem';
import { colorLabels, keyOfLabel, sourceLabels, statusLabels } from './labels';

export const maxImportRows = 5000;
const required = ['问题来源', '问题描述', '责任单位', '完成时限'] as const;

export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

interface ParsedRow {
  row: number;
  number?: string;
  source: LedgerSource;
  sourceRef?: string;
  problem: string;
  leadUnitId: number;
  assistingUnitIds: number[];
  measures?: string;
  dueDate: string;
  progress?: string;
  color: LedgerColor;
  round: number;
  status: LedgerStatus;
  closedDate?: string;
}

type CellValue = ExcelJS.CellValue;

function cellText(v: CellValue): string | { formula: true } {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return DateTime.fromJSDate(v, { zone: 'utc' }).toISODate() ?? '';
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) return { formula: true };
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v);
}

function parseDay(text: string): string | null {
  const m = /^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?$/.exec(text.trim());
  if (!m) return null;
  const d = DateTime.fromObject({ year: +m[1], month: +m[2], day: +m[3] }, { zone });
  return d.isValid ? d.toISODate() : null;
}

async function readSheet(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new HttpError(400, '文件无法读取', '请上传 Excel 工作簿（.xlsx）；旧版 .xls 请先另存为 .xlsx');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new HttpError(400, '文件无法读取', '工作簿中没有工作表');
  return ws;
}

export async function parseLedgerSheet(db: Db, buffer: Buffer, now = new Date()) {
  const ws = await readSheet(buffer);
  const headers = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => {
    const t = cellText(cell.value);
    if (typeof t === 'string' && t.trim()) headers.set(t.trim(), col);
  });
  const missing = required.filter((h) => !headers.has(h));
  if (missing.length)
    throw new HttpError(400, '表头不符', `第1行缺少列：${missing.join('、')}（请使用导出的台账格式）`);
  if (ws.rowCount - 1 > maxImportRows)
    throw new HttpError(400, '行数过多', `一次最多导入 ${maxImportRows} 行，请分批导入`);

  const units = await db.unit.findMany({ select: { id: true, code: true, name: true, shortName: true } });
  const unitByName = new Map<string, number>();
  for (const u of units) for (const n of [u.code, u.name, u.shortName]) unitByName.set(n, u.id);
  const existing = new Set((await db.ledgerItem.findMany({ select: { number: true } })).map((r) => r.number));

  const problems: RowProblem[] = [];
  const rows: ParsedRow[] = [];
  const seenNumbers = new Map<string, number>();
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const get = (h: string): string | null => {
      const col = headers.get(h);
      if (!col) return '';
      const t = cellText(row.getCell(col).value);
      if (typeof t !== 'string') {
        problems.push({ row: r, column: h, message: '单元格是公式，请改为文本或数值' });
        return null;
      }
      return t.trim();
    };
    const values = [...headers.keys()].map((h) => [h, get(h)] as const);
    if (values.every(([, v]) => !v)) continue; // a blank line
    const v = Object.fromEntries(values) as Record<string, string | null>;
    const fail = (column: string, message: string) => problems.push({ row: r, column, message });
    const before = problems.length;

    const source = v['问题来源'] ? keyOfLabel(sourceLabels, v['问题来源']) : undefined;
    if (!v['问题来源']) fail('问题来源', '不能为空');
    else if (!source)
      fail('问题来源', `“${v['问题来源']}”无效，应为：${Object.values(sourceLabels).join('、')}`);
    if (!v['问题描述']) fail('问题描述', '不能为空');
    else if (v['问题描述'].length > 4000) fail('问题描述', '不能超过4000字');
    const leadUnitId = v['责任单位'] ? unitByName.get(v['责任单位']) : undefined;
    if (!v['责任单位']) fail('责任单位', '不能为空');
    else if (!leadUnitId) fail('责任单位', `“${v['责任单位']}”不是系统中的单位`);
    const assistingUnitIds: number[] = [];
    for (const name of (v['协办单位'] ?? '')
      .split(/[、,，;；]/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const id = unitByName.get(name);
      if (id) assistingUnitIds.push(id);
      else fail('协办单位', `“${name}”不是系统中的单位`);
    }
    const dueDate = v['完成时限'] ? parseDay(v['完成时限']) : null;
    if (!v['完成时限']) fail('完成时限', '不能为空');
    else if (!dueDate) fail('完成时限', `“${v['完成时限']}”不是日期（应为 2026-12-31）`);
    const color = v['预警等级'] ? keyOfLabel(colorLabels, v['预警等级']) : 'none';
    if (!color) fail('预警等级', `“${v['预警等级']}”无效，应为：${Object.values(colorLabels).join('、')}`);
    const status = v['状态'] ? keyOfLabel(statusLabels, v['状态']) : 'open';
    if (!status) fail('状态', `“${v['状态']}”无效，应为：${Object.values(statusLabels).join('、')}`);
    const round = v['整改轮次'] ? Number(v['整改轮次']) : 1;
    if (!Number.isInteger(round) || round < 1 || round > 20) fail('整改轮次', '应为1–20的整数');
    const closedDate = v['销号日期'] ? parseDay(v['销号日期']) : undefined;
    if (v['销号日期'] && !closedDate) fail('销号日期', `“${v['销号日期']}”不是日期（应为 2026-12-31）`);
    if (status === 'closed' && !v['销号日期']) fail('销号日期', '状态为已销号时须填写销号日期');
    if (status && status !== 'closed' && v['销号日期']) fail('销号日期', '未销号的事项不应有销号日期');
    const number = v['编号'] || undefined;
    if (number) {
      if (!/^ZG-\d{4}-\d{3,}$/.test(number)) fail('编号', `“${number}”格式应为 ZG-2026-001`);
      else if (existing.has(number)) fail('编号', `${number} 已在台账中`);
      else if (seenNumbers.has(number)) fail('编号', `与第${seenNumbers.get(number)}行重复`);
      else seenNumbers.set(number, r);
    }
    if (problems.length > before) continue;
    rows.push({
      row: r,
      number,
      source: source!,
      sourceRef: v['来源编号'] || undefined,
      problem: v['问题描述']!,
      leadUnitId: leadUnitId!,
      assistingUnitIds: assistingUnitIds.filter((id) => id !== leadUnitId),
      measures: v['整改措施'] || undefined,
      dueDate: dueDate!,
      progress: v['整改进展'] || undefined,
      color: color!,
      round,
      status: status!,
      closedDate: closedDate ?? undefined,
    });
  }
  if (!problems.length && !rows.length) throw new HttpError(400, '没有可导入的行', '表中只有表头');
  return { rows, problems, numbersTaken: [...existing, ...seenNumbers.keys()], now };
}

function numberSeries(taken: string[], now: Date) {
  const prefix = `ZG-${DateTime.fromJSDate(now, { zone }).year}-`;
  let last = taken
    .filter((n) => n.startsWith(prefix))
    .reduce((max, n) => Math.max(max, Number(n.slice(prefix.length)) || 0), 0);
  return () => `${prefix}${String(++last).padStart(3, '0')}`;
}

/**
 * Validates the whole sheet, then imports all its rows or none; answers the ids of the rows still open, whose
 * processes the caller starts (a closed row is history and runs nothing).
 */
export async function importLedger(db: Db, actor: Actor, buffer: Buffer, now = new Date()) {
  const { rows, problems, numbersTaken } = await parseLedgerSheet(db, buffer, now);
  if (problems.length) {
    const rowsWrong = new Set(problems.map((p) => p.row)).size;
    throw new HttpError(400, '导入未执行', `${rowsWrong} 行有误，全部未导入；请改正后重新导入`, {
      errors: problems.map((p) => ({ field: `第${p.row}行·${p.column}`, message: p.message })),
    });
  }
  const next = numberSeries(numbersTaken, now);
  let imported = 0;
  const toStart = await audited(db, async (tx) => {
    const ids: number[] = [];
    for (const r of rows) {
      const dueAt = endOfDueDay(r.dueDate);
      const item = await tx.ledgerItem.create({
        data: {
          number: r.number ?? next(),
          source: r.source,
          sourceRef: r.sourceRef,
          problem: r.problem,
          measures: r.measures,
          leadUnitId: r.leadUnitId,
          dueAt,
          originalDueAt: dueAt,
          status: r.status,
          color: r.color,
          round: r.round,
          closedAt: r.closedDate ? endOfDueDay(r.closedDate) : null,
          createdById: actor.userId,
          assistingUnits: { create: r.assistingUnitIds.map((unitId) => ({ unitId })) },
          progressNotes: r.progress
            ? { create: { round: r.round, content: r.progress, authorId: actor.userId } }
            : undefined,
        },
      });
      await audit(tx, actor, {
        action: 'ledgerItem.import',
        entity: 'ledgerItem',
        entityId: item.id,
        unitId: r.leadUnitId,
        after: { ...item, sheetRow: r.row },
      });
      imported++;
      if (item.status !== 'closed') ids.push(item.id);
    }
    return ids;
  });
  return { imported, toStart };
}
