// Reference data of the plan's indicator targets (DOMAIN.md) and the default deadline rules, seeded at install.
// Negative days count backwards from a deadline (reminders, notices ahead of a session).

export interface IndicatorData {
  code: string;
  name: string;
  comparator: '>=';
  target: number; // percent (an evaluation indicator's score out of 100)
  source: 'process' | 'report' | 'evaluation';
  owners: { unit: string; target?: number }[];
  /** 先进位次: the district's 全市位次 must be this or better (plan task 13 and §四(三)). */
  advancedRank?: number;
}

const all = ['plc-office', 'court', 'procuratorate', 'police', 'justice'];

export const indicators: IndicatorData[] = [
  {
    code: 'complaint-resolution-rate',
    name: '企业投诉解决率（各渠道）', // plan task 9: 解决率, counted from the outcome, not the satisfaction
    comparator: '>=',
    target: 100,
    source: 'process',
    owners: all.map((unit) => ({ unit })),
  },
  {
    code: 'disputed-case-resolution-rate',
    name: '涉企争议案件化解率（协调会）',
    comparator: '>=',
    target: 100,
    source: 'process',
    owners: ['plc-office', 'court', 'procuratorate', 'police'].map((unit) => ({ unit })),
  },
  {
    code: 'case-review-enterprise-share',
    name: '案件评查中涉企案件占比',
    comparator: '>=',
    target: 5,
    source: 'report',
    owners: [{ unit: 'plc-office' }, { unit: 'procuratorate', target: 5 }, { unit: 'police', target: 10 }],
  },
  {
    code: 'summary-procedure-rate',
    name: '简易程序适用率',
    comparator: '>=',
    target: 89,
    source: 'report',
    owners: [{ unit: 'court' }],
    advancedRank: 3,
  },
  {
    code: 'pre-litigation-mediation-rate',
    name: '诉前调解率',
    comparator: '>=',
    target: 45,
    source: 'report',
    owners: [{ unit: 'court' }],
    advancedRank: 3,
  },
  {
    code: 'pre-litigation-mediation-success-rate',
    name: '诉前调解成功率',
    comparator: '>=',
    target: 45,
    source: 'report',
    owners: [{ unit: 'court' }],
    advancedRank: 3,
  },
  {
    code: 'enforcement-within-legal-period',
    name: '有财产可供执行案件法定期内执行率',
    comparator: '>=',
    target: 98,
    source: 'report',
    owners: [{ unit: 'court' }],
    advancedRank: 3,
  },
  {
    code: 'actual-enforcement-rate',
    name: '案件实际执行到位率',
    comparator: '>=',
    target: 23,
    source: 'report',
    owners: [{ unit: 'court' }],
    advancedRank: 3,
  },
  // Plan §四(三): the three business-environment evaluation indicators the court leads and the 政法委
  // supervises — measured per evaluation period (value and 全市位次), not in the weekly report.
  ...(
    [
      ['enforcing-contracts', '执行合同'],
      ['resolving-insolvency', '办理破产'],
      ['protecting-minority-investors', '保护中小投资者'],
    ] as const
  ).map(([code, name]): IndicatorData => ({
    code,
    name,
    comparator: '>=',
    target: 0,
    source: 'evaluation',
    owners: [{ unit: 'court' }],
    advancedRank: 3,
  })),
];

export interface DeadlineRuleData {
  code: string;
  name: string;
  days: number;
  kind: 'calendar' | 'working';
  excludeStartDay: boolean;
  rollForwardOnHoliday: boolean;
  basis: string;
}

/** Names an earlier seed gave, replaced by the plan's wording (§二 13) where still unchanged. */
export const legacyIndicatorNames: Record<string, string> = {
  'enforcement-within-legal-period': '有财产可供执行案件法定期限内执结率',
  'actual-enforcement-rate': '实际执行到位率',
  'complaint-resolution-rate': '企业投诉化解率（各渠道）',
};

const legal = (code: string, name: string, days: number, basis: string): DeadlineRuleData => ({
  code,
  name,
  days,
  kind: 'calendar',
  excludeStartDay: true,
  rollForwardOnHoliday: true,
  basis,
});
const working = (code: string, name: string, days: number, basis: string): DeadlineRuleData => ({
  ...legal(code, name, days, basis),
  kind: 'working',
});

export const deadlineRules: DeadlineRuleData[] = [
  legal('petition.acceptance-notice', '信访事项受理书面告知', 15, '自收到信访事项之日起15日内书面告知'),
  // Plan task 9: enterprise complaints are handled 优先、快速 — shorter periods an admin can edit like the others.
  working(
    'petition.enterprise.acceptance-notice',
    '企业投诉受理告知',
    3,
    '涉企投诉优先快速办理：3个工作日内告知',
  ),
  legal('petition.enterprise.handling', '企业投诉办理', 30, '涉企投诉优先快速办理：自受理之日起30日内办结'),
  working('petition.enterprise.reminder-before-due', '企业投诉到期前提醒', -1, '期限短，到期前1个工作日提醒'),
  legal('petition.procedural-reply', '检察机关程序性回复', 7, '检察机关收到信访后7日内程序性回复'),
  legal('petition.handling', '信访事项办理', 60, '自受理之日起60日内办结'),
  legal('petition.extension', '信访事项延期', 30, '经本单位负责人批准可延长，最长不超过30日'),
  legal('petition.review-request', '申请复查期限', 30, '收到答复意见之日起30日内向上一级机关申请复查'),
  legal('petition.review-answer', '复查（复核）答复期限', 30, '收到复查（复核）请求之日起30日内答复'),
  working('petition.reminder-before-due', '信访办理到期前提醒', -3, '到期前3个工作日提醒'),
  legal('petition.hearing-notice', '公开答复参加人通知', -3, '至少提前3日通知参加人'),
  working('case.opinion', '协调会书面意见', 3, '专班办公室默认：3个工作日'),
  working('case.opinion-reminder', '书面意见到期前提醒', -1, '到期前1个工作日提醒'),
  legal('ledger.rectification', '整改期限（默认）', 30, '专班办公室默认整改期限'),
  working('ledger.blue-reminder', '蓝色提醒（到期前）', -3, '三色督办：到期前提醒'),
  legal('ledger.red-escalation', '红色通报（逾期后）', 7, '三色督办：逾期后仍未整改，通报领导'),
  working(
    'ledger.lead-review',
    '主要领导审核签字',
    3,
    '主要领导亲自督办：报送核验后3个工作日内审核签字，当日9时未审核的提醒',
  ),
  // A weekly report submitted but unsigned at the cut-off: the lead is reminded, then the office told.
  working(
    'weekly-report.late-sign-off-reminder',
    '周报截止后签批提醒',
    1,
    '截止时待签批的周报：截止后第1个工作日9时提醒单位负责人签批',
  ),
  working(
    'weekly-report.late-sign-off',
    '周报截止后签批期限',
    2,
    '截止时待签批的周报：截止后第2个工作日9时仍未签批的，告知专班办公室和科级牵头领导',
  ),
];
