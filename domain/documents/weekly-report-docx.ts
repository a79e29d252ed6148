// The consolidated weekly report as a Word document (.docx, built with the `docx` package): figures against
// the indicator targets, the indicators the process data yields, each unit's progress, problems and requests
// for coordination, and the late units. Word documents carry no embedded font, so Chinese renders in whatever
// CJK font the reader has (SimSun / 宋体 is named, with the reader's fallback).
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { zhDateTime } from '../notifications/templates/layout';

export interface FigureRow {
  indicator: string; // 诉前调解率
  unit: string; // 区法院
  /** Percent; null when the unit did not report it. */
  value: number | null;
  target: number;
  comparator: '>=' | '=';
}

export interface ProcessIndicatorRow {
  name: string; // 信访答复率
  value: string; // 100%（12/12）
  note?: string;
}

export interface UnitSection {
  unit: string;
  submittedAt: Date | null;
  late: boolean;
  author?: string;
  progress: { task: string; progress: string }[];
  problems?: string;
  coordinationRequests?: string;
  nextWeekPlan?: string;
}

export interface WeeklyReportDocument {
  isoWeek: string;
  /** 2026年11月23日—11月29日 */
  period: string;
  generatedAt: Date;
  /** The office's edited summary (总体情况). */
  summary?: string;
  figures: FigureRow[];
  processIndicators: ProcessIndicatorRow[];
  units: UnitSection[];
  lateUnits: string[];
  publicity?: { unit: string; kind: string; title: string; happenedOn: string; outlet: string | null }[];
}

export const font = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun' };
const thin = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
const borders = { top: thin, bottom: thin, left: thin, right: thin };

export function figureMet(f: FigureRow): boolean | null {
  if (f.value === null) return null;
  return f.comparator === '=' ? f.value === f.target : f.value >= f.target;
}

const percent = (n: number) => `${Number.isInteger(n) ? n : n.toFixed(1)}%`;

export function p(text: string, options: { bold?: boolean } = {}): Paragraph {
  return new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text, bold: options.bold })] });
}

export function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph {
  return new Paragraph({
    heading: level,
    spacing: { before: 200, after: 100 },
    children: [new TextRun(text)],
  });
}

export function table(header: string[], rows: string[][]): Table {
  const cell = (text: string, bold = false) =>
    new TableCell({ borders, children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });
}

function unitSection(u: UnitSection): Paragraph[] {
  const status = u.submittedAt
    ? `${zhDateTime(u.submittedAt)}报送${u.late ? '（迟报）' : ''}${u.author ? `，填报人：${u.author}` : ''}`
    : '未报送';
  return [
    heading(u.unit, HeadingLevel.HEADING_3),
    p(status),
    ...(u.progress.length
      ? u.progress.map((t) => p(`${t.task}：${t.progress}`))
      : [p('本周无任务进展填报。')]),
    ...(u.problems ? [p('存在问题：', { bold: true }), p(u.problems)] : []),
    ...(u.coordinationRequests ? [p('需协调事项：', { bold: true }), p(u.coordinationRequests)] : []),
    ...(u.nextWeekPlan ? [p('下周计划：', { bold: true }), p(u.nextWeekPlan)] : []),
  ];
}

export async function buildWeeklyReportDocx(r: WeeklyReportDocument): Promise<Buffer> {
  const problems = r.units.filter((u) => u.problems || u.coordinationRequests);
  const doc = new Document({
    creator: '工作专班系统',
    title: `工作周报 ${r.isoWeek}`,
    styles: { default: { document: { run: { font, size: 24 } } } },
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: '加强企业权益保护工作专班工作周报', font })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [
              new TextRun(`${r.isoWeek}（${r.period}）\u3000生成时间：${zhDateTime(r.generatedAt)}`),
            ],
          }),
          heading('一、总体情况', HeadingLevel.HEADING_2),
          p(r.summary?.trim() || '（专班办公室审阅后填写）'),
          heading('二、指标完成情况', HeadingLevel.HEADING_2),
          r.figures.length
            ? table(
                ['指标', '单位', '本周数值', '目标', '是否达标'],
                r.figures.map((f) => {
                  const met = figureMet(f);
                  return [
                    f.indicator,
                    f.unit,
                    f.value === null ? '未报' : percent(f.value),
                    `${f.comparator === '=' ? '' : '≥'}${percent(f.target)}`,
                    met === null ? '—' : met ? '达标' : '未达标',
                  ];
                }),
              )
            : p('本周无指标数据。'),
          heading('三、流程数据指标', HeadingLevel.HEADING_2),
          r.processIndicators.length
            ? table(
                ['指标', '数值', '说明'],
                r.processIndicators.map((i) => [i.name, i.value, i.note ?? '']),
              )
            : p('本周无流程数据。'),
          heading('四、各单位工作进展', HeadingLevel.HEADING_2),
          ...r.units.flatMap(unitSection),
          heading('五、存在问题和需协调事项', HeadingLevel.HEADING_2),
          ...(problems.length
            ? problems.flatMap((u) => [
                p(u.unit, { bold: true }),
                ...(u.problems ? [p(`存在问题：${u.problems}`)] : []),
                ...(u.coordinationRequests ? [p(`需协调事项：${u.coordinationRequests}`)] : []),
              ])
            : [p('本周无。')]),
          heading('六、报送情况', HeadingLevel.HEADING_2),
          p(r.lateUnits.length ? `迟报单位：${r.lateUnits.join('、')}。` : '各成员单位均按时报送。'),
          heading('七、宣传工作', HeadingLevel.HEADING_2),
          ...(r.publicity?.length
            ? r.publicity.map((x) =>
                p(`${x.unit}：${x.happenedOn} ${x.kind}《${x.title}》${x.outlet ? `（${x.outlet}）` : ''}`),
              )
            : [p('本周无宣传工作登记。')]),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
