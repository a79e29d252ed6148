// The variables the monitor reads from every running instance — business keys, responsible units and the
// deadline variables of processes/README.md — and which deadline each waiting element is measured against.

export const businessKeyNames = ['caseNumber', 'petitionNumber', 'ledgerNumber', 'isoWeek'] as const;
export const businessKeyLabels: Record<string, string> = {
  caseNumber: '案件编号',
  petitionNumber: '信访编号',
  ledgerNumber: '台账编号',
  isoWeek: '周次',
};

/** Unit variables, nearest scope first: the per-unit local of a multi-instance, then the process's own. */
export const unitNames = ['unitCode', 'handlingUnitCode', 'leadUnitCode'] as const;

export const deadlineNames = [
  'opinionDueAt',
  'classificationDueAt',
  'handlingDueAt',
  'dueAt',
  'cutoffAt',
] as const;

export const deadlineLabels: Record<string, string> = {
  opinionDueAt: '意见提交期限',
  classificationDueAt: '受理告知期限',
  handlingDueAt: '办理期限',
  dueAt: '整改期限',
  cutoffAt: '周报报送截止',
};

/** The deadline an element's items are held to; elements not listed have none (the office's own steps). */
export const elementDeadlines: Record<string, Record<string, string>> = {
  'case-coordination': { SubProcess_Opinions: 'opinionDueAt', Task_SubmitOpinion: 'opinionDueAt' },
  'petition-reply': {
    Task_Classify: 'classificationDueAt',
    Task_AskConsent: 'handlingDueAt',
    Task_PrepareSession: 'handlingDueAt',
    Event_SessionTime: 'handlingDueAt',
    Task_SessionRecord: 'handlingDueAt',
    Task_DraftReply: 'handlingDueAt',
    Task_SignReply: 'handlingDueAt',
    SubProcess_Extension: 'handlingDueAt',
    Task_ApproveExtension: 'handlingDueAt',
  },
  rectification: { SubProcess_Rectify: 'dueAt', Task_Acknowledge: 'dueAt', Task_Rectify: 'dueAt' },
  'weekly-report': {
    SubProcess_UnitReports: 'cutoffAt',
    Task_FillReport: 'cutoffAt',
    Task_SignOffReport: 'cutoffAt',
  },
};

export const watchedNames = [...businessKeyNames, ...unitNames, ...deadlineNames, 'enterpriseName'];

export const processNames: Record<string, string> = {
  'case-coordination': '涉企案件协调会',
  'petition-reply': '信访事项公开答复',
  rectification: '督办-整改-销号',
  'weekly-report': '工作周报',
};
export const processIds = Object.keys(processNames);
