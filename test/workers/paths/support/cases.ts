// Steps of the disputed-case coordination meeting as people take them: a coordinator registers the case with the
// start form, the office screens it, each involved unit submits its opinion from its own inbox, the office fixes
// the meeting, records the minutes with agreed items (each a rectification item the responsible unit works
// through), and confirms the case resolved or calls another meeting. Invented sample data (DOMAIN.md).
import type { PathBench } from './bench';
import type { Variables } from './inbox';

export const registration = {
  enterpriseName: '南麓文旅发展有限公司',
  enterpriseCreditCode: '91000000MA0000001X',
  contactName: '联系人丁',
  contactPhone: '000-0000-0004',
  externalCaseNumber: '（2027）执字第0001号',
  handlingUnitCode: 'court',
  disputePoint: '冻结企业基本账户是否超出执行标的范围',
  meetingReason: 'inter_unit_dispute',
  reasonDetail: '法院与公安对冻结范围存在分歧，企业投诉升级。',
  involvedUnitCodes: ['court', 'procuratorate', 'police'],
  urgency: 'urgent',
};

export async function registerCase(b: PathBench, overrides: Variables = {}): Promise<string> {
  const created = await b.rest.createProcessInstance({
    processDefinitionId: 'case-coordination',
    variables: { ...registration, ...overrides },
  });
  return created.processInstanceKey;
}

export async function caseNumberOf(b: PathBench, processInstanceKey: string): Promise<string> {
  return b.inbox.until('the registered case', async () => {
    const row = await b.database.db.enterpriseCase.findUnique({ where: { processInstanceKey } });
    return row?.number;
  });
}

export async function screen(b: PathBench, decision: 'accept' | 'decline', declineReason?: string) {
  await b.inbox.complete('coordinators', 'Task_Screening', 'coordinator', {
    screeningDecision: decision,
    ...(declineReason ? { declineReason } : {}),
  });
}

/**
 * Completes the unit's opinion task and waits until the worker has recorded the opinion: the task's
 * completion and the recording job are two steps, and a reminder due in between would still count the
 * unit as missing (as it would in real life).
 */
export async function submitOpinion(b: PathBench, unit: string): Promise<void> {
  const recorded = () =>
    b.database.db.caseOpinion.count({ where: { unit: { code: unit }, submittedAt: { not: null } } });
  const before = await recorded();
  await b.inbox.complete(unit, 'Task_SubmitOpinion', `${unit}.user`, {
    opinion: {
      content: `${unit} 意见：冻结范围应以执行标的为限，建议核查账户资金用途。`,
      legalBasis: '最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的规定',
      contactName: '承办人A',
      contactPhone: '000-0000-0001',
    },
  });
  const deadline = Date.now() + 10_000;
  while ((await recorded()) <= before) {
    if (Date.now() > deadline) throw new Error(`the opinion of ${unit} was not recorded within 10 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const attendeeUnits = ['plc-office', 'court', 'procuratorate', 'police'];

export async function scheduleMeeting(b: PathBench, meetingAt: string): Promise<void> {
  await b.inbox.complete('coordinators', 'Task_ScheduleMeeting', 'coordinator', {
    meetingAt,
    meetingPlace: '区委政法委三楼会议室',
    meetingChair: '专班办公室主任',
    meetingAttendeeUnits: attendeeUnits,
    meetingAttendees: '区法院执行局承办人A、区检察院承办人B、公安分局经侦大队承办人C',
  });
}

export function agreedItem(leadUnitCode: string, description: string): Variables {
  return {
    description,
    leadUnitCode,
    assistingUnitCodes: ['plc-office'],
    measures: '10个工作日内报送办理情况',
    dueDate: '2027-12-31',
  };
}

export async function recordMinutes(b: PathBench, items: Variables[]): Promise<void> {
  await b.inbox.complete('coordinators', 'Task_RecordMinutes', 'coordinator', {
    meetingAttendance: '区法院、区检察院、公安分局承办人及专班办公室',
    minutes: '会议听取各单位意见，协调明确各单位下一步工作任务和完成时限。',
    agreedItems: items,
    boundaryConfirmed: true,
  });
}

/** The responsible unit works each open rectification item through; the office verifies it. */
export async function closeLedgerItems(b: PathBench, units: string[]): Promise<void> {
  for (const unit of units) {
    await b.inbox.complete(unit, 'Task_Acknowledge', `${unit}.user`, {
      noticeAcknowledged: true,
      liaisonName: '联系人甲',
      liaisonPhone: '000-0000-0001',
    });
    await b.inbox.complete(unit, 'Task_Rectify', `${unit}.user`, {
      progressNote: '已按议定事项完成并报送办理情况',
      evidence: [],
      rectificationAction: 'submit',
    });
    await b.inbox.complete(unit, 'Task_LeadReview', `${unit}.lead`, { leadReviewDecision: 'sign' });
    await b.inbox.complete('coordinators', 'Task_Verify', 'coordinator', {
      verificationMethod: 'documents',
      verificationResult: 'passed',
      verificationNote: '已落实',
    });
  }
}

export async function confirm(b: PathBench, decision: 'resolved' | 'another_meeting', note: string) {
  await b.inbox.complete('coordinators', 'Task_ConfirmResolution', 'coordinator', {
    resolutionDecision: decision,
    resolutionNote: note,
  });
}

/** The .ics part of a received invitation. */
export function icsOf(mail: { attachments: { filename?: string; content: Buffer }[] }): string {
  const ics = mail.attachments.find((a) => a.filename?.endsWith('.ics'));
  if (!ics) throw new Error('no .ics attachment');
  return ics.content.toString('utf8').replace(/\r\n /g, '');
}
