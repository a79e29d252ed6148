// 考核 as a workbook: the ranked table (rank, unit, each dimension's score and points, total) and, on a second
// sheet, every computed measure with its counts and every manual score with its reason — the figures the page
// shows, so the file can be checked against the page and the records; a third sheet lists the period's 奖惩.
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { zone } from '../../../domain/calendar/deadline';
import type { SanctionList } from '../../../domain/assessment/sanctions';
import type { AssessmentTable } from '../../../domain/assessment/scores';
import { addSafeRow, tableSheet } from '../xlsx/sheet';

export async function assessmentWorkbook(
  t: AssessmentTable,
  sanctions: SanctionList['items'],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'zhuanban';
  wb.created = t.generatedAt;
  const dims = t.rules.dimensions;
  const ranking = tableSheet(wb, `考核排名 ${t.period.key}`, [
    { header: '排名', width: 6 },
    { header: '单位', width: 14 },
    ...dims.map((d) => ({ header: `${d.name}（权重${d.weight}）`, width: 18 })),
    { header: '总分', width: 9 },
    { header: '备注', width: 30 },
  ]);
  for (const r of t.rows)
    addSafeRow(ranking, [
      r.rank,
      r.unitName,
      ...r.dimensions.map((d) => d.score),
      r.total,
      r.incomplete ? '有人工评分维度尚未评分（按 0 分计）' : null,
    ]);
  const detail = tableSheet(wb, '计分明细', [
    { header: '单位', width: 14 },
    { header: '考核维度', width: 26 },
    { header: '计算项', width: 22 },
    { header: '占比', width: 7 },
    { header: '符合', width: 7 },
    { header: '应计', width: 7 },
    { header: '得分', width: 8 },
    { header: '说明', width: 44 },
  ]);
  for (const r of t.rows)
    for (const d of r.dimensions) {
      if (d.manual)
        addSafeRow(detail, [
          r.unitName,
          d.name,
          '人工评分',
          100,
          null,
          null,
          d.score,
          d.entry
            ? `${d.entry.reason}（${d.entry.enteredByName}，${DateTime.fromJSDate(d.entry.enteredAt, { zone }).toFormat('yyyy-MM-dd HH:mm')}）`
            : d.note,
        ]);
      for (const m of d.measures)
        addSafeRow(detail, [
          r.unitName,
          d.name,
          m.label,
          m.share,
          m.numerator,
          m.denominator,
          m.score,
          d.note,
        ]);
    }
  const decided = tableSheet(wb, '奖惩', [
    { header: '单位', width: 14 },
    { header: '类别', width: 10 },
    { header: '事由', width: 40 },
    { header: '依据', width: 30 },
    { header: '决定机关', width: 14 },
    { header: '决定日期', width: 12 },
    { header: '整改台账', width: 12 },
    { header: '附件', width: 20 },
    { header: '录入', width: 22 },
  ]);
  for (const s of sanctions)
    addSafeRow(decided, [
      s.unitName,
      s.kindLabel,
      s.reason,
      s.basis,
      s.decidedBy,
      s.decidedOn,
      s.ledgerItem?.number ?? null,
      s.attachment?.fileName ?? null,
      `${s.enteredByName}，${DateTime.fromJSDate(s.enteredAt, { zone }).toFormat('yyyy-MM-dd HH:mm')}`,
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
