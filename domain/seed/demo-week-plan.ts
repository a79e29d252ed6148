// What the demo's past weeks hold (demo-weeks.ts writes them): how each unit's report went in each of the eight
// weeks before the current one, the progress each wrote on its plan tasks, its figures, and the 推进会 held. Most
// units report on time; a few reports are returned by the lead after the cut-off and resubmitted late (迟报); one
// is a 补报; one unit misses one week. Every name is invented (the demo's own people and enterprises).

/**
 * How one report goes: on time (signed before the cut-off); unsigned at the cut-off and signed on the Monday;
 * returned after the cut-off and resubmitted late; nothing by the cut-off and a 补报 on the Monday; nothing at all.
 */
export type DemoReportCourse = 'on_time' | 'signed_after_cutoff' | 'returned_late' | 'makeup' | 'missing';

export const demoHistoryWeeks = 8;

/**
 * The exceptions, by weeks before the current one (8 = the oldest) and unit; every other report is on time.
 * Nothing happens after the cut-off of the newest week (1): on a Monday its following Monday is still ahead.
 */
const exceptions: Record<number, Record<string, DemoReportCourse>> = {
  7: { police: 'returned_late' },
  6: { procuratorate: 'makeup' },
  5: { justice: 'returned_late', court: 'signed_after_cutoff' },
  4: { procuratorate: 'missing' },
  3: { court: 'returned_late' },
  2: { 'plc-office': 'signed_after_cutoff' },
};

export function reportCourse(weeksBack: number, unitCode: string): DemoReportCourse {
  return exceptions[weeksBack]?.[unitCode] ?? 'on_time';
}

export const returnReasons: Record<string, string> = {
  police: '涉企经济类案件评查数据与台账口径不一致，请核对后重新报送',
  justice: '法律援助案件数未区分涉企与非涉企，请补充后重新报送',
  court: '长期未结案件清理进度缺少本周结案数，请补充',
};

/** Long-pending cases closed in the week of step `s` (task 5), and up to it. */
const closedIn = (s: number) => (s % 2 === 0 ? 1 : 2);
const closedBy = (s: number) =>
  Array.from({ length: s + 1 }, (_, i) => closedIn(i)).reduce((a, b) => a + b, 0);

/** The step a task has reached, 0 (just begun) to 7 (the newest week), as the weeks go by. */
const stage = (step: number) => Math.min(7, Math.max(0, step));

const progressOf: Record<number, (step: number) => string> = {
  1: (s) =>
    `清理涉企规范性文件${12 + s * 6}件，${s < 3 ? '正在逐件审查' : `已审查完毕${6 + s * 5}件，拟废止${Math.floor(s / 2)}件`}`,
  2: (s) =>
    s < 4
      ? `走访企业${3 + s * 2}家，收集法律服务需求${5 + s * 3}条`
      : `已建立企业联络员制度，累计走访企业${3 + s * 2}家，解答法律咨询${10 + s * 4}次`,
  3: (s) =>
    [
      '完成选址论证',
      '完成设计方案',
      '装修施工中',
      '装修施工中',
      '设备进场',
      '人员到岗培训',
      '试运行',
      '正式运行',
    ][stage(s)],
  4: (s) => `本周评查涉企案件${2 + (s % 3)}件，累计${8 + s * 3}件，评查发现问题${Math.floor(s / 2)}个`,
  5: (s) => `本周结案${closedIn(s)}件，长期未结涉企民商事案件剩余${18 - closedBy(s)}件`,
  6: (s) => `本周评查涉市场主体案件${1 + (s % 2)}件，累计${5 + s * 2}件`,
  7: (s) => `本周评查涉企经济类案件${2 + (s % 2)}件，累计${7 + s * 3}件，占比逐周提高`,
  8: (s) => `受理涉企法律援助案件${1 + (s % 2)}件，累计${4 + s * 2}件，已结${2 + s * 2}件`,
  9: (s) =>
    s % 3 === 0
      ? '投诉建议渠道运行正常，本周未收到企业投诉'
      : `投诉建议渠道运行正常，本周收到企业投诉${s % 3}件，均已按期答复`,
  10: (s) =>
    `累计自查涉企刑事案件${6 + s * 2}件，${s < 4 ? '未发现刑事手段插手经济纠纷问题' : '发现并纠正刑事手段插手经济纠纷问题1件'}`,
  11: (s) =>
    s % 2 === 0 ? '参加涉企案件协调会1次，书面意见按期提交' : '本周无涉企案件协调会，跟踪已协调案件的落实',
  12: (s) => (s < 3 ? '起草律师一次性告知清单' : `一次性告知清单已印发，本周律师告知${3 + s}次`),
  13: (s) =>
    s < 3
      ? `开展企业法治体检${1 + (s % 2)}次`
      : `开展企业法治体检${1 + (s % 2)}次，累计发布典型案例${Math.floor(s / 3)}件`,
};

/** The unit's progress on a plan task, `weeksBack` weeks before the current one. */
export function progressText(taskNumber: number, weeksBack: number): string {
  const step = demoHistoryWeeks - weeksBack;
  return progressOf[taskNumber]?.(step) ?? `按计划推进，进展顺利（第${step + 1}周）`;
}

/**
 * A figure climbing towards its target over the weeks (most reach it in the newest weeks); `spread` (the
 * figure's place in the report) keeps two indicators with the same target from drawing the same line.
 */
export function figureValue(target: number, weeksBack: number, spread = 0): number {
  const share = 0.88 + (spread % 3) * 0.02 + (demoHistoryWeeks - weeksBack) * 0.02;
  return Math.min(100, Math.round(target * share * 10) / 10);
}

export const problemsOf: Record<string, string[]> = {
  'plc-office': ['部分单位报送周报时间偏晚', '无'],
  court: ['长期未结案件中有2件涉及鉴定，周期较长', '无'],
  procuratorate: ['无', '涉企案件评查人手紧张'],
  police: ['经侦案件评查需调阅卷宗，进度偏慢', '无'],
  justice: ['公共法律服务中心建设资金尚待拨付', '无'],
};

/** 需协调事项, by unit and weeks before the current one (none in the other weeks). */
export const coordinationOf: Record<string, Record<number, string>> = {
  court: {
    6: '请专班办公室协调鉴定机构缩短涉企案件鉴定周期',
    2: '请公安分局配合查找2件执行案件被执行人下落',
  },
  police: { 5: '请区检察院提前介入1件涉企经济犯罪案件' },
  justice: { 7: '请区财政局加快拨付公共法律服务中心建设资金' },
};

/** A 推进会 and the problems it handed out (each opens a ledger item), by weeks before the current one. */
export interface DemoMeeting {
  weeksBack: number;
  weekday: number;
  title: string;
  minutes: string;
  items: { problem: string; leadUnitCode: string; measures: string; daysToDue: number }[];
}

export const demoMeetings: DemoMeeting[] = [
  {
    weeksBack: 7,
    weekday: 3,
    title: '第一次工作推进会',
    minutes:
      '通报任务清单分解情况，各成员单位汇报工作进展；会议要求各单位每周五17:00前报送周报（演示数据）。',
    items: [
      {
        problem: '南麓文旅发展有限公司反映涉企行政复议案件办理超期',
        leadUnitCode: 'justice',
        measures: '逐案核查办理期限，超期案件说明原因并限期办结',
        daysToDue: 30,
      },
    ],
  },
  {
    weeksBack: 3,
    weekday: 3,
    title: '涉企案件评查专题推进会',
    minutes: '听取案件评查进展汇报，评查占比未达要求的单位说明原因并提出措施（演示数据）。',
    items: [
      {
        problem: '公安分局涉企经济类案件评查占比未达10%',
        leadUnitCode: 'police',
        measures: '增派评查人员，每周评查不少于3件',
        daysToDue: 45,
      },
      {
        problem: '区检察院上周工作周报未报送',
        leadUnitCode: 'procuratorate',
        measures: '明确周报填报人和签批人，按时报送',
        daysToDue: 14,
      },
    ],
  },
  {
    weeksBack: 2,
    weekday: 2,
    title: '长期未结案件清理推进会',
    minutes: '区法院通报长期未结案件清理进度，会议研究鉴定周期长案件的推进办法（演示数据）。',
    items: [
      {
        problem: '涉鉴定的长期未结涉企案件鉴定周期过长',
        leadUnitCode: 'court',
        measures: '与鉴定机构建立督办机制，约定鉴定期限',
        daysToDue: 30,
      },
    ],
  },
];
