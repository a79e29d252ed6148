// The supervision circular (督导通报) as a Word document, built like the weekly report (the `docx` package and
// its paragraph and table helpers): the ledger by unit and colour, the overdue items by name, the late and
// missing weekly reports, and the office's requirements.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { colourNames, type CircularFigures } from '../circulars/figures';
import { zhDateTime } from '../notifications/templates/layout';
import { font, heading, p, table } from './weekly-report-docx';

export interface CircularDocument {
  title: string;
  figures: CircularFigures;
  generatedAt: Date;
  revision: number;
}

const gaps = (list: { unit: string; isoWeek: string }[]) =>
  list.map((g) => `${g.unit}（${g.isoWeek}）`).join('、');

export async function buildCircularDocx(c: CircularDocument): Promise<Buffer> {
  const f = c.figures;
  const t = f.totals;
  const doc = new Document({
    creator: '工作专班系统',
    title: c.title,
    styles: { default: { document: { run: { font, size: 24 } } } },
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: c.title, font })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [
              new TextRun(
                `区委政法委\u3000生成时间：${zhDateTime(c.generatedAt)}${c.revision > 1 ? `（第${c.revision}次修订）` : ''}`,
              ),
            ],
          }),
          heading('一、整改台账总体情况', HeadingLevel.HEADING_2),
          p(
            `${f.periodLabel}，各责任单位在办整改台账事项共${t.total}项，其中红色督办${t.red}项、黄色督办${t.yellow}项、蓝色督办${t.blue}项、未督办${t.none}项；本月销号${t.closed}项；逾期未整改${t.overdue}项。`,
          ),
          table(
            ['责任单位', '台账事项', '红色', '黄色', '蓝色', '未督办', '本月销号', '逾期未整改'],
            f.units.map((u) =>
              [u.name, u.total, u.red, u.yellow, u.blue, u.none, u.closed, u.overdue].map(String),
            ),
          ),
          heading('二、逾期未整改事项', HeadingLevel.HEADING_2),
          f.overdue.length
            ? table(
                ['台账编号', '责任单位', '问题', '整改期限', '逾期天数', '督办等级'],
                f.overdue.map((o) => [
                  o.number,
                  o.unit,
                  o.problem,
                  o.dueDate,
                  String(o.daysOverdue),
                  colourNames[o.colour],
                ]),
              )
            : p('本月无逾期未整改事项。'),
          heading('三、工作周报报送情况', HeadingLevel.HEADING_2),
          p(`本月周报周次：${f.weeks.join('、') || '无'}。`),
          p(f.lateReports.length ? `迟报：${gaps(f.lateReports)}。` : '迟报：无。'),
          p(f.missingReports.length ? `未报：${gaps(f.missingReports)}。` : '未报：无。'),
          heading('四、工作要求', HeadingLevel.HEADING_2),
          p(
            '各责任单位主要领导要亲自督办，对照整改台账清单化推进，完成一个销号一个。对逾期未整改事项，请责任单位于收到本通报后5个工作日内报送整改情况；红色督办事项由专班领导研究约谈。周报迟报、未报的单位要切实落实信息报送要求。',
          ),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
