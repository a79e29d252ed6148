// The audit log's codes in Chinese for the admin: record types, verbs and who acted (a worker's job type or
// the seed). An unknown code is shown as it is, so nothing new is ever hidden.
const entities: Record<string, string> = {
  user: '用户',
  unit: '单位',
  position: '职务',
  planTask: '任务',
  indicator: '指标',
  calendarYear: '节假日安排',
  deadlineRule: '期限规则',
  ledgerItem: '整改事项',
  weeklyReport: '工作周报',
  weeklySummary: '周报汇总',
  petition: '信访事项',
  petitionReply: '信访答复',
  publicReplySession: '公开答复',
  enterprise: '企业',
  enterpriseCase: '涉企案件',
  coordinationMeeting: '协调会',
  caseOpinion: '书面意见',
  outboxMessage: '邮件',
  attachment: '附件',
  session: '登录会话',
  process: '流程',
  userTask: '待办任务',
  publicityItem: '宣传工作',
  assessmentEntry: '考核评分',
  assessmentRules: '考核规则',
  assessmentSanction: '奖惩',
  publicity: '宣传工作',
  calendar: '节假日安排',
  caseReview: '案件评查',
  caseReviewBatch: '评查批次',
  caseReviewSample: '评查案件',
  longPending: '长期未结案件',
  longPendingCase: '长期未结案件',
  indicatorPeriod: '指标期间数据',
  indicatorPeriodFigure: '指标期间数据',
  majorMatter: '重大事项',
  petitionNotice: '信访告知书',
  processInstance: '流程实例',
  progressMeeting: '推进会',
  supervisionCircular: '督导通报',
  unitChatRobot: '群机器人',
};

const verbs: Record<string, string> = {
  create: '新建',
  update: '修改',
  replace: '替换',
  import: '导入',
  login: '登录',
  logout: '退出',
  failed: '登录失败',
  rateLimited: '登录受限',
  refusedLocked: '锁定拒绝',
  changePassword: '修改密码',
  resetPassword: '重置密码',
  unlock: '解锁',
  resend: '重新发送',
  submit: '提交',
  complete: '办理完成',
  remind: '催报',
  flagLate: '标记迟报',
  return: '退回',
  signOff: '签发',
  consolidate: '汇总',
  forward: '报送',
  meeting: '周例会纪要',
  notice: '下发督办通知',
  acknowledge: '签收',
  progressNote: '填报进展',
  escalate: '升级督办',
  close: '销号',
  schedule: '安排',
  reschedule: '改期',
  rescheduleMeeting: '会议改期',
  requestExtension: '申请延期',
  minutes: '会议纪要',
  invite: '发出邀请',
  deliver: '送达',
  classify: '分类',
  consent: '公开意愿',
  satisfaction: '回访',
  overdue: '超期',
  start: '发起',
  upload: '上传',
  record: '记录',
  notify: '通知',
  status: '状态变更',
  rectify: '责令整改',
  raise: '列入整改台账',
  correct: '更正',
  decide: '决定',
  generate: '生成',
  delete: '删除',
  makeup: '补报',
  lateSignOff: '截止后签批',
  lateReturn: '截止后退回',
  handlingDue: '办理期限',
  reviewRoute: '告知复查途径',
  retryIncident: '重试',
  register: '登记',
  conclude: '结案',
  toReview: '转入评查',
  issue: '出具',
  reissue: '重新出具',
  draft: '拟写',
  redraft: '重新拟写',
  regenerate: '重新生成',
  locked: '账户锁定',
  loginFailed: '登录失败',
  leadSigned: '主要领导签字',
  leadReturned: '主要领导退回',
  verified: '核查通过',
  verificationFailed: '核查未通过',
  extensionRequest: '申请延期',
  extensionApproved: '同意延期',
  extensionRejected: '不同意延期',
  accountabilityTalk: '约谈',
  noAccountabilityTalk: '不约谈',
  ledgerItem: '列入整改台账',
  signOffReminded: '催促签批',
  signOffEscalated: '签批超时报专班',
  rescheduleNotice: '发出改期通知',
};

// The stage a reminder was sent in (`caseOpinion.remind.overdue`).
const stages: Record<string, string> = { reminder: '到期前提醒', overdue: '逾期催办' };

export function entityLabel(code: string): string {
  return entities[code] ?? code;
}

export function actionLabel(code: string): string {
  const [entity, verb, stage, ...rest] = code.split('.');
  if (!verb || rest.length) return code;
  if (stage !== undefined && !(verb === 'remind' && stages[stage])) return code;
  const v = stage ? stages[stage] : verbs[verb];
  if (entity === 'login' && v) return v;
  return entities[entity] && v ? `${entities[entity]}·${v}` : code;
}

export function actorLabel(code: string): string {
  if (code === 'system') return '系统';
  if (code === 'demo') return '演示数据';
  if (code === 'seed') return '初始化';
  if (code.startsWith('worker:')) return `系统任务（${code.slice('worker:'.length)}）`;
  return code;
}
