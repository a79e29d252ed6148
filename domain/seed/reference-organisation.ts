// Reference data of the task force's organisation, seeded at install: its units (codes are the BPMN candidate
// groups), the positions of the task-force roster and the work plan's 13 tasks with their responsible units.
// Person names are configuration, not code; mail addresses use the reserved .invalid domain until an admin
// sets the real ones. The task titles paraphrase the plan's areas of work; replace them with the plan's text.

export interface UnitData {
  code: string;
  name: string;
  shortName: string;
  kind: 'office' | 'member' | 'external';
  email: string;
}

export const units: UnitData[] = [
  {
    code: 'plc-office',
    name: '区委政法委（专班办公室）',
    shortName: '专班办公室',
    kind: 'office',
    email: 'plc-office@zhuanban.invalid',
  },
  { code: 'court', name: '区人民法院', shortName: '区法院', kind: 'member', email: 'court@zhuanban.invalid' },
  {
    code: 'procuratorate',
    name: '区人民检察院',
    shortName: '区检察院',
    kind: 'member',
    email: 'procuratorate@zhuanban.invalid',
  },
  {
    code: 'police',
    name: '公安分局',
    shortName: '公安分局',
    kind: 'member',
    email: 'police@zhuanban.invalid',
  },
  {
    code: 'justice',
    name: '区司法局',
    shortName: '区司法局',
    kind: 'member',
    email: 'justice@zhuanban.invalid',
  },
  {
    code: 'business-env-office',
    name: '区营商环境建设办公室',
    shortName: '区营商办',
    kind: 'external',
    email: 'business-env-office@zhuanban.invalid',
  },
];

export const memberUnitCodes = ['plc-office', 'court', 'procuratorate', 'police', 'justice'] as const;

export interface PositionData {
  code: string;
  title: string;
  duty: string;
  unit: string;
}

export const positions: PositionData[] = [
  { code: 'head', title: '组长', duty: '全面领导专班工作', unit: 'plc-office' },
  { code: 'deputy-head-plc', title: '副组长', duty: '协助组长，分管专班办公室日常工作', unit: 'plc-office' },
  { code: 'deputy-head-court', title: '副组长', duty: '负责本单位涉企工作', unit: 'court' },
  { code: 'deputy-head-procuratorate', title: '副组长', duty: '负责本单位涉企工作', unit: 'procuratorate' },
  { code: 'deputy-head-police', title: '副组长', duty: '负责本单位涉企工作', unit: 'police' },
  { code: 'deputy-head-justice', title: '副组长', duty: '负责本单位涉企工作', unit: 'justice' },
  {
    code: 'office-director',
    title: '办公室主任',
    duty: '主持专班办公室日常工作（设在执法监督科）',
    unit: 'plc-office',
  },
  ...memberUnitCodes.map((unit) => ({
    code: `liaison-${unit}`,
    title: '联络员',
    duty: '报送周报、对接日常事务',
    unit,
  })),
];

export interface PlanTaskData {
  number: number;
  title: string;
  units: string[]; // the first is the lead unit
}

export const planTasks: PlanTaskData[] = [
  { number: 1, title: '建立涉企案件协调会商机制', units: ['plc-office', 'court', 'procuratorate', 'police'] },
  { number: 2, title: '开展涉企案件质量评查', units: ['plc-office', 'procuratorate', 'police'] },
  { number: 3, title: '清理涉企“挂案”和久侦不结案件', units: ['police', 'procuratorate'] },
  { number: 4, title: '规范涉案财物查封、扣押、冻结', units: ['police', 'court', 'procuratorate'] },
  { number: 5, title: '推进诉前调解，提升调解成功率', units: ['court', 'justice'] },
  { number: 6, title: '提高简易程序适用率', units: ['court'] },
  { number: 7, title: '加大涉企案件执行力度', units: ['court'] },
  {
    number: 8,
    title: '畅通企业诉求渠道，做到件件有回复',
    units: ['plc-office', 'court', 'procuratorate', 'police', 'justice'],
  },
  { number: 9, title: '推行涉企信访事项公开答复', units: ['procuratorate', 'court', 'police', 'justice'] },
  { number: 10, title: '提供涉企公共法律服务', units: ['justice'] },
  { number: 11, title: '加强涉企行政执法监督', units: ['justice', 'plc-office'] },
  { number: 12, title: '建立问题清单，督办整改销号', units: ['plc-office'] },
  {
    number: 13,
    title: '落实工作周报和周例会制度',
    units: ['plc-office', 'court', 'procuratorate', 'police', 'justice'],
  },
];
