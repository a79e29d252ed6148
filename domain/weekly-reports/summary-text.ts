// The consolidated weekly report as the text the office reviews and edits (form weekly-summary-review), and the
// same consolidation shaped for the .docx builder. zh-CN, plain text, at most 20,000 characters (the form's limit).
import type { WeeklyReportDocument } from '../documents/weekly-report-docx';
import { percentText, type Consolidation, type FigureSummary } from './consolidation';

const statusNames: Record<string, string> = {
  pending: '未报送',
  draft: '未报送',
  returned: '退回修改中',
  submitted: '已报送，待签发',
  signed_off: '已签发',
};

const maxLength = 20_000;

function figureLine(f: FigureSummary): string {
  const target = `目标${f.comparator === '=' ? '' : '≥'}${percentText(f.target)}`;
  const verdict = f.met === null ? (f.source === 'report' ? '未报' : '暂无数据') : f.met ? '达标' : '未达标';
  return `${f.unit} ${f.indicator}：${percentText(f.value)}，${target}，${verdict}${f.note ? `（${f.note}）` : ''}`;
}

const shanghaiDateTime = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

function unitStatus(c: Consolidation, u: Consolidation['units'][number]): string {
  const made = u.submittedAt && c.makeupUnits?.some((m) => m.code === u.code);
  if (made) return `补报（${shanghaiDateTime(u.submittedAt!)}，截止时未报）`;
  const decided = c.lateSignOffs?.filter((d) => d.code === u.code).at(-1);
  if (decided?.outcome === 'signed')
    return `已报送，截止时待签批，负责人已于${shanghaiDateTime(decided.at)}签批${u.late ? '（修改后迟报）' : ''}`;
  if (decided)
    return u.status === 'submitted'
      ? `截止时待签批，负责人退回修改后已于${shanghaiDateTime(u.submittedAt!)}重新报送，待签批`
      : `截止时待签批，负责人于${shanghaiDateTime(decided.at)}退回修改（${decided.reason}），待重新报送`;
  if (u.status === 'submitted' && c.unsignedUnits?.some((x) => x.code === u.code))
    return '已报送，待签批（截止时负责人尚未签批，签批后更新）';
  return `${statusNames[u.status] ?? u.status}${u.late ? '（迟报）' : ''}`;
}

function makeupLines(c: Consolidation): string[] {
  const lines: string[] = [];
  if (c.unsignedUnits?.length)
    lines.push(`截止时待负责人签批：${c.unsignedUnits.map((x) => x.name).join('、')}（内容已计入本汇总）。`);
  const signed = (c.lateSignOffs ?? []).filter((d) => d.outcome === 'signed');
  if (signed.length)
    lines.push(`截止后补签批：${signed.map((d) => `${d.name}（${shanghaiDateTime(d.at)}）`).join('、')}。`);
  if (c.makeupUnits?.length)
    lines.push(
      `补报单位：${c.makeupUnits.map((m) => `${m.name}（${shanghaiDateTime(m.submittedAt)}）`).join('、')}。`,
    );
  return lines;
}

export function lateUnitNames(c: Consolidation): string {
  return c.lateUnits.length ? c.lateUnits.join('、') : '无';
}

export function summaryText(c: Consolidation): string {
  const submitted = c.units.filter((u) => u.submittedAt);
  const onTime = submitted.filter((u) => !u.late).length;
  const below = c.figures.filter((f) => f.met === false);
  const withProblems = c.units.filter((u) => u.problems?.trim() && u.problems.trim() !== '无');
  const withRequests = c.units.filter(
    (u) => u.coordinationRequests?.trim() && u.coordinationRequests.trim() !== '无',
  );
  const lines = [
    `加强企业权益保护工作专班 ${c.isoWeek}（${c.period}）工作周报汇总`,
    '',
    '一、报送情况',
    `应报单位${c.units.length}个，已报送${submitted.length}个，其中按时报送${onTime}个；迟报单位：${lateUnitNames(c)}；` +
      `未报单位：${c.missingUnits.length ? c.missingUnits.join('、') : '无'}。`,
    ...c.units.map((u) => `${u.name}：${unitStatus(c, u)}`),
    ...makeupLines(c),
    '',
    '二、指标完成情况',
    below.length ? `未达标指标${below.length}项，请相关单位关注。` : '已报送和可计算的指标均达到目标。',
    ...c.figures.map((f, i) => `${i + 1}. ${figureLine(f)}`),
    '',
    '三、流程数据指标',
    ...c.processIndicators.map((p) => `${p.name}：${p.display}。${p.note}`),
    '',
    '四、存在问题',
    ...(withProblems.length ? withProblems.map((u) => `${u.name}：${u.problems?.trim()}`) : ['本周无。']),
    '',
    '五、需协调事项',
    ...(withRequests.length
      ? withRequests.map((u) => `${u.name}：${u.coordinationRequests?.trim()}`)
      : ['本周无。']),
  ];
  const text = lines.join('\n');
  return text.length > maxLength ? `${text.slice(0, maxLength - 20)}\n……（其余见附件）` : text;
}

/** The consolidation as the weekly report document, with the office's reviewed summary as 总体情况. */
export function reportDocument(
  c: Consolidation,
  reviewedSummary: string,
  generatedAt: Date,
): WeeklyReportDocument {
  return {
    isoWeek: c.isoWeek,
    period: c.period,
    generatedAt,
    summary: reviewedSummary,
    figures: c.figures.map((f) => ({
      indicator: f.indicator,
      unit: f.unit,
      value: f.value,
      target: f.target,
      comparator: f.comparator,
    })),
    processIndicators: c.processIndicators.map((p) => ({ name: p.name, value: p.display, note: p.note })),
    units: c.units.map((u) => ({
      unit: u.name,
      submittedAt: u.submittedAt ? new Date(u.submittedAt) : null,
      late: u.late,
      author: u.author ?? undefined,
      progress: u.progress,
      problems: u.problems ?? undefined,
      coordinationRequests: u.coordinationRequests ?? undefined,
      nextWeekPlan: u.nextWeekPlan ?? undefined,
    })),
    lateUnits: c.lateUnits,
    publicity: c.publicity,
  };
}
