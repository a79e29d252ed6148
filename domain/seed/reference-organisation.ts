// Reference data of the task force's organisation, seeded at install, as the work plan writes it
// (docs PLAN-2021.txt): its units (codes are the BPMN candidate groups), the positions of the roster in the
// plan's attachment (组长, 副组长, the office's 主任, 副主任 and 成员) and each 责任单位's 主要领导 and 科级牵头领导
// (§三(三), §四(一)), and the plan's 13 tasks with their number, wording and 责任单位. Names of people are never
// here: an admin enters them (or imports them) as the holders of these positions.

export interface UnitData {
  code: string;
  name: string;
  shortName: string;
  kind: 'office' | 'member' | 'associate' | 'external';
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
  {
    code: 'law-society',
    name: '区法学会',
    shortName: '区法学会',
    kind: 'associate',
    email: 'law-society@zhuanban.invalid',
  },
];

/** The 责任单位 of the plan's tasks, by the name the plan gives them. */
export const planUnitNames: Record<string, string> = {
  区委政法委: 'plc-office',
  区法院: 'court',
  区检察院: 'procuratorate',
  卫滨公安分局: 'police',
  区司法局: 'justice',
};

export const memberUnitCodes = ['plc-office', 'court', 'procuratorate', 'police', 'justice'] as const;

/** Where the attachment places the task force's office (§三(一) names 督查督办室 for its daily work). */
export const officeSection = '区委政法委执法监督科';

export interface PositionData {
  code: string;
  title: string;
  body: 'leadership' | 'office' | 'unit';
  post: string | null;
  duty: string;
  unit: string;
}

const leadership = (code: string, title: string, post: string, unit: string): PositionData => ({
  code,
  title,
  body: 'leadership',
  post,
  duty: title === '组长' ? '全面领导专班工作，研究决定重大事项' : '协助组长，负责本单位优化营商环境工作',
  unit,
});

const office = (code: string, title: string, post: string, unit: string): PositionData => ({
  code,
  title,
  body: 'office',
  post,
  duty:
    title === '主任'
      ? `主持专班办公室日常工作（办公室设在${officeSection}）`
      : title === '副主任'
        ? '协助主任，负责本单位与专班办公室的工作对接'
        : '承担专班办公室日常工作',
  unit,
});

export const positions: PositionData[] = [
  leadership('head', '组长', '区委常委、政法委书记', 'plc-office'),
  leadership('deputy-head-police', '副组长', '区政府副区长、卫滨公安分局局长', 'police'),
  leadership('deputy-head-court', '副组长', '区法院院长', 'court'),
  leadership('deputy-head-procuratorate', '副组长', '区检察院检察长', 'procuratorate'),
  leadership('deputy-head-plc', '副组长', '区委政法委副书记', 'plc-office'),
  leadership('deputy-head-justice', '副组长', '区司法局党组书记', 'justice'),
  office('office-director', '主任', '区委政法委副书记（兼任）', 'plc-office'),
  office('office-deputy-court', '副主任', '区法院副院长', 'court'),
  office('office-deputy-procuratorate', '副主任', '区检察院副检察长', 'procuratorate'),
  office('office-deputy-police', '副主任', '卫滨公安分局政治处主任', 'police'),
  office('office-deputy-justice', '副主任', '区司法局局长', 'justice'),
  office('office-member-law-society', '成员', '区法学会理事会会长', 'law-society'),
  office('office-member-supervision-section', '成员', '区委政法委执法监督科主任', 'plc-office'),
  office('office-member-inspection-office', '成员', '区委政法委督查督办室主任', 'plc-office'),
  office('office-member-court', '成员', '区法院助理审判员', 'court'),
  office('office-member-procuratorate', '成员', '区检察院员额检察官', 'procuratorate'),
  office('office-member-police', '成员', '卫滨公安分局法制大队大队长', 'police'),
  office('office-member-justice', '成员', '区司法局依法行政办公室主任', 'justice'),
  ...memberUnitCodes.flatMap((unit): PositionData[] => [
    {
      code: `principal-${unit}`,
      title: '主要领导',
      body: 'unit',
      post: null,
      duty: '本单位第一责任人，亲自督办整改台账（方案三(三)、四(一)）',
      unit,
    },
    {
      code: `section-lead-${unit}`,
      title: '科级牵头领导',
      body: 'unit',
      post: null,
      duty: '牵头负责本单位优化营商环境工作（方案四(一)）',
      unit,
    },
  ]),
];

export interface PlanTaskData {
  number: number;
  title: string; // a short title; the plan's own words are in `text`
  area: string; // the heading of 二、工作任务 it stands under
  text: string; // the plan's full text of the task, verbatim
  responsible: string; // 责任单位 as written
  units: string[]; // in the plan's order; the first is taken as the lead unit
}

export const planTasks: PlanTaskData[] = [
  {
    number: 1,
    title: '规范性文件管理专项活动',
    area: '完善制度建设',
    text: '开展规范性文件管理专项活动,对规范性文件管理工作进行自查自纠,提升管理能力,加大对规范性文件的指导力度,并形成工作成效。',
    responsible: '区司法局',
    units: ['justice'],
  },
  {
    number: 2,
    title: '强化公共法律服务体系建设',
    area: '提升行政服务质量',
    text: '强化公共法律服务体系建设。依托12309检察服务中心,深入推进公共法律服务实体、热线和网络平台融合发展,推进“互联网+法律服务”,为市场主体提供便捷高效的“一站式”司法服务平台;推行涉企案件信访事项公开答复制度,对疑难复杂的涉企信访事项,经当事人同意,实行信访事项公开答复,促进公正规范执法,提升司法公信力。',
    responsible: '区检察院',
    units: ['procuratorate'],
  },
  {
    number: 3,
    title: '公共法律服务中心建设',
    area: '提升行政服务质量',
    text: '持续推进公共法律服务中心建设,规范区、镇办、村三级公共法律服务实体平台运行,提升公共法律服务热线服务能力,不断提高公共法律服务质量和水平。',
    responsible: '区司法局',
    units: ['justice'],
  },
  {
    number: 4,
    title: '涉企案件评查（占比5%）',
    area: '落实行政执法规范',
    text: '结合政法队伍教育整顿,统筹安排涉企案件评查工作,科学选取案件,将涉营商环境案件纳入评查范围,明确涉企案件在评查中5%的占比,对评查发现的执法司法问题及时反馈,督促整改。',
    responsible: '区委政法委',
    units: ['plc-office'],
  },
  {
    number: 5,
    title: '长期未结案件清理',
    area: '落实行政执法规范',
    text: '常态化开展长期未结案件清理,对涉企长期未结民商事案件重点评查并即时整改。',
    responsible: '区法院',
    units: ['court'],
  },
  {
    number: 6,
    title: '涉市场主体案件评查（占比5%以上）',
    area: '落实行政执法规范',
    text: '将涉市场主体民事、刑事案件纳入案件评查范围,涉市场主体案件在评查中占比5%以上。',
    responsible: '区检察院',
    units: ['procuratorate'],
  },
  {
    number: 7,
    title: '涉企经济类案件评查（占比不低于10%）',
    area: '落实行政执法规范',
    text: '按照市公安局出台的执法质量考评实施方案,将涉企经济类案件纳入评查范围,涉企案件在评查中占比不低于10%。',
    responsible: '卫滨公安分局',
    units: ['police'],
  },
  {
    number: 8,
    title: '法律援助案件管理',
    area: '落实行政执法规范',
    text: '加强法律援助案件管理,严格落实法律援助案件质量评估办法和标准,规范使用法律援助案件登记台账(示范文本)。',
    responsible: '区司法局',
    units: ['justice'],
  },
  {
    number: 9,
    title: '开通企业权益保护投诉建议渠道',
    area: '提高司法公正与效率',
    text: '开通企业权益保护投诉建议渠道。畅通法院营商环境举报建议渠道,电话、邮件举报要件件有反馈,确保营商环境举报案件解决率达到100%;开设12309市场主体维权投诉电话,对市场主体反映的问题或案件按照“群众信访件件有回复”机制优先、快速、审慎办理,引导各类市场主体依法表达诉求;依托公安机关110及5096900举报投诉电话,积极回应企业诉求反映,建立涉企诉求快受快办处理机制,达到企业投诉问题解决率100%;拓展公共法律服务职能,为企业提供法律咨询服务的同时,接受企业的投诉,且投诉案件解决率达到100%。',
    responsible: '区委政法委、区法院、区检察院、卫滨公安分局、区司法局',
    units: ['plc-office', 'court', 'procuratorate', 'police', 'justice'],
  },
  {
    number: 10,
    title: '严禁刑事执法介入经济纠纷专项整治',
    area: '提高司法公正与效率',
    text: '持续开展严禁刑事执法介入经济纠纷专项整治活动。重点整治将经济纠纷作为刑事案件立案侦查,违规采用变更罪名、拆分案件、缩小金额等方式规避审核审批等插手经济纠纷行为。全面排查涉及公安职能的涉企问题、全面清理涉及公安环节的涉企挂案、全面遏制以刑事手段介入经济纠纷行为;常态化开展冤错案防范和纠正工作,做好涉企申诉刑事案件的再审审查,严格区分经济犯罪与经济纠纷、刑事责任与民事责任,让各类市场主体专心创业、放心投资、安心经营;依法保护各类市场主体经营自主权,持续开展涉企刑事诉讼“挂案”专项清理,对动用刑事手段插手经济纠纷,危害民营企业正常生产经营的违法违规行为,依法进行立案监督。',
    responsible: '区法院、区检察院、卫滨公安分局',
    units: ['court', 'procuratorate', 'police'],
  },
  {
    number: 11,
    title: '建立涉企案件协调机制',
    area: '提高司法公正与效率',
    text: '建立涉企案件协调机制。成立疑难案件集体会商研判工作委员会,领导、指导、组织实施疑难案件集体研究会商研判工作,建立涉企案件协调研判机制,对于群众反映强烈、案件存在争议的涉企、涉营商环境案件,通过召开案件协调会的形式进行推进,确保营商环境案件解决率达到100%,保障企业及当事人的合法权益,持续提高区市政法机关执法质量和执法公信力。',
    responsible: '区委政法委、区法院、区检察院、卫滨公安分局',
    units: ['plc-office', 'court', 'procuratorate', 'police'],
  },
  {
    number: 12,
    title: '建立涉企案件律师一次性告知制度',
    area: '提高司法公正与效率',
    text: '建立涉企案件律师一次性告知制度。律师在办理涉企案件时,要对企业一次性明确告知,若需要诉讼,在诉前和企业沟通并进行适当指导,避免程序空转,增加企业诉累。',
    responsible: '区司法局',
    units: ['justice'],
  },
  {
    number: 13,
    title: '提高企业法治保障力度',
    area: '提高司法公正与效率',
    text: '提高企业法治保障力度,简易程序适用率达到89%,诉前调解率达到45%,诉前调解成功率达到45%,有财产可供执行案件法定期内执行率达到98%,案件实际执行到位率达到23%,要全部进入全市先进位次。',
    responsible: '区法院',
    units: ['court'],
  },
];

/** The invented titles an earlier seed wrote: a task still carrying one is replaced by the plan's. */
export const legacyTaskTitles: Record<number, string> = {
  1: '建立涉企案件协调会商机制',
  2: '开展涉企案件质量评查',
  3: '清理涉企“挂案”和久侦不结案件',
  4: '规范涉案财物查封、扣押、冻结',
  5: '推进诉前调解，提升调解成功率',
  6: '提高简易程序适用率',
  7: '加大涉企案件执行力度',
  8: '畅通企业诉求渠道，做到件件有回复',
  9: '推行涉企信访事项公开答复',
  10: '提供涉企公共法律服务',
  11: '加强涉企行政执法监督',
  12: '建立问题清单，督办整改销号',
  13: '落实工作周报和周例会制度',
};
