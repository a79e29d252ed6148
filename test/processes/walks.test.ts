// Each model walked end to end on the real engine, with test-only job stubs (support/stubs.ts) and user tasks
// completed as the forms would submit them: the happy path plus the loops that matter (a returned report, a
// rescheduled and a second meeting, a forwarded petition, an extension, an overdue petition, a failed
// verification, the graded escalation). Proves the models execute; the workers bring their own path tests.
import type { UserTaskValue } from '../../engine/protocol/values';
import { startTestEngine, type TestEngine } from '../engine/support/harness';
import { defaultStubs, ledgerAnswers, shanghai } from './support/stubs';
import { Walk, type JobStub, type Variables } from './support/walk';

const T0 = Date.parse('2026-11-27T09:00:00+08:00'); // a Friday
const DAY = 24 * 3600_000;

let t: TestEngine;
let now = T0;
const clock = () => now;
let current: Walk | undefined;
/** Moves the engine's clock once the walk's jobs are answered (a job still on its way would time out). */
async function pin(time: number) {
  await current?.answered();
  now = time;
  await t.pinClock(time);
}

beforeEach(async () => {
  current = undefined;
  t = await startTestEngine();
  await pin(T0);
});
afterEach(async () => {
  await t.close();
});

type Answers = Record<string, (n: number, task: UserTaskValue) => Variables | undefined>;
const answering =
  (answers: Answers) =>
  (task: UserTaskValue, n: number): Variables | undefined =>
    (answers[task.elementId] ?? ledgerAnswers[task.elementId])?.(n, task);

async function walk(answers: Answers, stubs: Record<string, JobStub> = {}): Promise<Walk> {
  const w = new Walk(t, { ...defaultStubs(clock), ...stubs }, answering(answers));
  await w.start();
  current = w;
  return w;
}

const waitFor = async (w: Walk, what: () => boolean) => w.until(what);

describe('weekly-report', () => {
  it('starts from the weekly message, loops a returned report, ends the wait at the cut-off, forwards and opens ledger items', async () => {
    // The court reports (returned once, then signed off); the police never do — the cut-off ends their wait.
    const w = await walk({
      Task_FillReport: (_n, task) =>
        task.candidateGroupsList?.includes('court')
          ? {
              report: {
                author: '承办人A',
                taskProgress: [{ planTaskNumber: 1, title: '建立涉企案件协调机制', progress: '已完成' }],
                figures: [],
                problems: '无',
                coordinationRequests: '青禾精密机械有限公司执行案件需协调',
                nextWeekPlan: '继续推进',
              },
            }
          : undefined,
      Task_SignOffReport: (n) =>
        n === 1
          ? { signOffDecision: 'return', returnReason: '请补充指标数据' }
          : { signOffDecision: 'approve' },
      Task_ReviewSummary: () => ({ summaryText: '本周汇总（已审阅）', summaryConfirmed: true }),
      Task_WeeklyMeeting: () => ({
        meetingDate: '2026-11-27',
        meetingMinutes: '研究青禾精密机械有限公司执行案件协调事项',
        ledgerItems: [
          { problem: '执行案件进展缓慢', leadUnitCode: 'court', measures: '加快执行', dueDate: '2026-12-31' },
        ],
      }),
    });
    await t.zeebe.publishMessage({
      name: 'weekly-report-due',
      correlationKey: '2026-W48',
      messageId: '2026-W48',
      timeToLive: 60_000,
      variables: { isoWeek: '2026-W48' },
    });
    await waitFor(w, () => w.openTasks().filter((x) => x.elementId === 'Task_FillReport').length === 2);
    expect(
      w
        .openTasks()
        .map((x) => x.candidateGroupsList)
        .sort(),
    ).toEqual([['court'], ['police']]);

    await waitFor(w, () => w.jobsOf('zhuanban.report.signOff').length === 1);
    await pin(T0 + 9 * 3600_000); // past 15:00 and the 17:00 cut-off
    await waitFor(w, () => w.ended('weekly-report') === 1);
    expect(w.jobsOf('zhuanban.report.remind').map((j) => j.headers.stage)).toEqual(['reminder', 'late']);

    expect(w.jobsOf('zhuanban.report.return')).toHaveLength(1);
    expect(w.jobsOf('zhuanban.report.submit')).toHaveLength(2);
    expect(w.jobsOf('zhuanban.report.signOff').map((j) => j.variables.unitCode)).toEqual(['court']);
    expect(w.jobsOf('zhuanban.report.consolidate')).toHaveLength(1);
    const [open1] = w.jobsOf('zhuanban.ledger.open');
    expect(open1.variables).toMatchObject({
      source: 'weekly_meeting',
      sourceRef: '2026-W48',
      leadUnitCode: 'court',
      dueDate: '2026-12-31',
      originKey: 'weekly-meeting:2026-W48:1',
    });
    const weekly = t.records
      .events('PROCESS_INSTANCE', 'ELEMENT_COMPLETED')
      .find((r) => r.value.bpmnProcessId === 'weekly-report')!;
    expect(t.records.variables(weekly.value.processInstanceKey).ledgerResults).toEqual([
      { ledgerNumber: 'ZG-2026-001', closedAt: shanghai(now) },
    ]);
  });

  it('ends a second start of the same week at the duplicate guard', async () => {
    const started = new Set<string>();
    const w = await walk(
      {},
      {
        'zhuanban.report.openWeek': (job) => {
          const week = String(job.variables.isoWeek);
          if (started.has(week)) return { $error: 'week-already-started' };
          started.add(week);
          return { units: ['court'], closesAt: '2099-01-02T17:00:00+08:00' };
        },
      },
    );
    await t.zeebe.createProcessInstance({
      bpmnProcessId: 'weekly-report',
      variables: { isoWeek: '2026-W47' },
    });
    const second = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'weekly-report',
      variables: { isoWeek: '2026-W47' },
    });
    await waitFor(w, () => w.ended('weekly-report') === 1 && w.openTasks().length === 1);
    expect(t.records.lifecycle(second.processInstanceKey)).toContain('EndEvent_Duplicate:ELEMENT_COMPLETED');
    expect(w.openTasks().map((x) => x.elementId)).toEqual(['Task_FillReport']);
  });
});

describe('case-coordination', () => {
  it('gathers opinions, moves the meeting on a reschedule message, follows agreed items and resolves after a second meeting', async () => {
    const w = await walk({
      Task_Screening: () => ({ screeningDecision: 'accept' }),
      Task_SubmitOpinion: (_, task) => ({
        opinion: {
          content: `${task.candidateGroupsList[0]}的书面意见`,
          contactName: '承办人A',
          contactPhone: '000-0000-0001',
        },
      }),
      Task_ScheduleMeeting: () => ({
        meetingAt: shanghai(now + DAY),
        meetingPlace: '区委政法委第一会议室',
        meetingChair: '办公室主任',
        meetingAttendeeUnits: ['court', 'police'],
        meetingAttendees: '承办人A（区法院）',
      }),
      Task_RecordMinutes: () => ({
        meetingAttendance: '各单位联络员',
        minutes: '协调督促各单位依法推进',
        agreedItems: [
          { description: '区法院加快执行进度并反馈', leadUnitCode: 'court', dueDate: '2026-12-31' },
        ],
        boundaryConfirmed: true,
      }),
      Task_ConfirmResolution: (n) =>
        n === 1
          ? { resolutionDecision: 'another_meeting', resolutionNote: '企业仍有异议' }
          : { resolutionDecision: 'resolved', resolutionNote: '企业表示满意' },
    });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'case-coordination',
      variables: {
        enterpriseName: '青禾精密机械有限公司',
        externalCaseNumber: '（2026）某0101执123号',
        handlingUnitCode: 'court',
        disputePoint: '货款执行迟缓',
        meetingReason: 'escalated_complaint',
        reasonDetail: '企业多次投诉',
        involvedUnitCodes: ['court', 'police'],
        urgency: 'urgent',
      },
    });
    await waitFor(w, () => w.jobsOf('zhuanban.mail.send').length === 1);
    await t.records.waitForEvent('MESSAGE_SUBSCRIPTION', 'CREATED');
    const moved = shanghai(now + 2 * DAY);
    await t.zeebe.publishMessage({
      name: 'meeting-rescheduled',
      correlationKey: 'XT-2026-001',
      timeToLive: 0,
      variables: { newMeetingAt: moved, rescheduleReason: '主持人另有公务' },
    });
    await waitFor(w, () => w.jobsOf('zhuanban.mail.send').length === 2);
    await pin(now + DAY + 3600_000); // the original time: no meeting yet
    await new Promise((r) => setTimeout(r, 200));
    expect(w.openTasks().map((x) => x.elementId)).toEqual([]);
    await pin(Date.parse(moved) + 60_000);
    await waitFor(w, () => w.jobsOf('zhuanban.case.openMeeting').length === 2);
    await waitFor(w, () => w.jobsOf('zhuanban.mail.send').length === 3);
    await pin(now + 2 * DAY);
    await waitFor(w, () => w.ended('case-coordination') === 1);

    expect(w.jobsOf('zhuanban.mail.send').map((j) => j.headers.template)).toEqual([
      'meeting.invitation',
      'meeting.rescheduled',
      'meeting.invitation',
    ]);
    expect(w.jobsOf('zhuanban.ledger.open').map((j) => j.variables.originKey)).toEqual([
      'agreed-item:100',
      'agreed-item:200',
    ]);
    expect(w.jobsOf('zhuanban.case.resolve')).toHaveLength(1);
    expect(
      t.records.events('USER_TASK', 'CREATED').find((r) => r.value.elementId === 'Task_Screening')!.value
        .priority,
    ).toBe(70);
    expect(t.records.variables(processInstanceKey).agreedItemResults).toEqual([
      { agreedItemId: 200, ledgerNumber: 'ZG-2026-002', closedAt: expect.any(String) },
    ]);
  });
});

describe('petition-reply', () => {
  it('forwards to a member unit, extends the period, holds a public reply with consent and tells an unsatisfied petitioner the review route', async () => {
    const w = await walk({
      Task_Classify: (n) =>
        n === 1
          ? { classification: 'forward', classificationReason: '属法院管辖', forwardToUnitCode: 'court' }
          : { classification: 'accept', classificationReason: '符合受理条件', complexity: 'complex' },
      Task_AskConsent: () => ({
        parties: [
          {
            partyName: '联系人甲',
            partyRole: 'petitioner',
            partyConsent: 'given',
            partyConsentedOn: '2026-11-30',
          },
          {
            partyName: '乙公司',
            partyRole: 'opposing_party',
            partyConsent: 'given',
            partyConsentedOn: '2026-11-30',
          },
        ],
      }),
      Task_ApproveExtension: () => ({
        extensionDecision: 'approve',
        approvedDueDate: '2027-02-10',
        extensionDecisionNote: '同意',
      }),
      Task_PrepareSession: () => ({
        sessionAt: shanghai(now + 5 * DAY),
        sessionVenue: '区法院诉讼服务中心',
        inviteeCategories: ['npc-deputy', 'lawyer'],
        invitees: '人大代表甲；律师乙',
        sessionIsOpen: false,
      }),
      Task_SessionRecord: () => ({
        sessionHeldAt: shanghai(now),
        factsAndReply: '逐项说明',
        inviteeComments: '同意答复意见',
        petitionerStatement: '保留意见',
      }),
      Task_DraftReply: () => ({
        stance: 'explain',
        replyContent: '答复内容',
        legalBasis: '依据',
        reviewRoute: '30 日内申请复查',
      }),
      Task_SignReply: (n) =>
        n === 1 ? { replyDecision: 'return', replyReturnReason: '补充依据' } : { replyDecision: 'approve' },
      Task_FollowUp: () => ({ visitedOn: '2026-12-20', visitMethod: 'phone', satisfaction: 'unsatisfied' }),
    });
    let accepted = false;
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'petition-reply',
      variables: {
        channel: 'line_12309',
        petitionerKind: 'enterprise',
        petitionerName: '联系人甲',
        enterpriseName: '南麓文旅发展有限公司',
        contact: '000-0000-0001',
        subject: '账户被超范围冻结',
        content: '请求解除超范围冻结',
        receivingUnitCode: 'procuratorate',
      },
    });
    await waitFor(w, () => (accepted = w.openTasks().some((x) => x.elementId === 'Task_AskConsent')));
    expect(accepted).toBe(true);
    await t.records.waitForEvent('MESSAGE_SUBSCRIPTION', 'CREATED');
    await t.zeebe.publishMessage({
      name: 'petition-extension-requested',
      correlationKey: 'XF-2026-0001',
      timeToLive: 0,
      variables: { extensionReason: '需调取外地材料', requestedDueDate: '2027-02-10' },
    });
    await waitFor(w, () => w.jobsOf('zhuanban.petition.decideExtension').length === 1);
    await waitFor(w, () => w.jobsOf('zhuanban.petition.notifyParticipants').length === 1);
    await pin(now + 6 * DAY);
    await waitFor(w, () => w.ended('petition-reply') === 1);

    const classify = t.records
      .events('USER_TASK', 'CREATED')
      .filter((r) => r.value.elementId === 'Task_Classify');
    expect(classify.map((r) => r.value.candidateGroupsList)).toEqual([['procuratorate'], ['court']]);
    expect(w.jobsOf('zhuanban.petition.notifyReviewRoute')).toHaveLength(1);
    expect(w.jobsOf('zhuanban.petition.markOverdue')).toHaveLength(0);
    expect(t.records.lifecycle(processInstanceKey)).toEqual(
      expect.arrayContaining(['Signal_Handled:ELEMENT_COMPLETED', 'EndEvent_WatchStopped:ELEMENT_COMPLETED']),
    );
  });

  it('turns an overdue petition into a ledger item while the reply goes on', async () => {
    let overdue = false;
    const w = await walk({
      Task_Classify: () => ({
        classification: 'accept',
        classificationReason: '符合受理条件',
        complexity: 'simple',
      }),
      Task_DraftReply: () =>
        overdue
          ? { stance: 'support', replyContent: '答复内容', legalBasis: '依据', reviewRoute: '复查途径' }
          : undefined,
      Task_SignReply: () => ({ replyDecision: 'approve' }),
      Task_FollowUp: () => ({ visitedOn: '2027-02-01', visitMethod: 'visit', satisfaction: 'satisfied' }),
    });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'petition-reply',
      variables: {
        petitionerKind: 'person',
        petitionerName: '联系人乙',
        subject: '执行款未到账',
        receivingUnitCode: 'court',
      },
    });
    await waitFor(w, () =>
      t.records.events('TIMER', 'CREATED').some((r) => r.value.targetElementId === 'Event_HandlingDue'),
    );
    await pin(now + 61 * DAY);
    await waitFor(w, () => w.jobsOf('zhuanban.petition.markOverdue').length === 1);
    overdue = true;
    await waitFor(w, () => w.ended('petition-reply') === 1 && w.ended('rectification') === 1);
    const [ledger] = w.jobsOf('zhuanban.ledger.open');
    expect(ledger.variables).toMatchObject({
      source: 'overdue_petition',
      sourceRef: 'XF-2026-0001',
      leadUnitCode: 'court',
      originKey: 'petition-overdue:XF-2026-0001',
    });
    expect(t.records.variables(processInstanceKey).overdueLedgerNumber).toBe('ZG-2026-001');
  });
});

describe('rectification', () => {
  it('escalates blue and red, extends before the deadline, loops a failed verification and closes in round two', async () => {
    let computations = 0;
    const at = (ms: number) => shanghai(now + ms);
    const w = await walk(
      {
        Task_Rectify: (n) =>
          n === 1
            ? {
                progressNote: '进展',
                rectificationAction: 'extension',
                extensionReason: '需协调',
                requestedDueDate: '2027-01-15',
              }
            : { progressNote: '已整改', rectificationAction: 'submit' },
        Task_ApproveExtension: () => ({
          extensionDecision: 'approve',
          approvedDueDate: '2027-01-15',
          extensionDecisionNote: '同意',
        }),
        Task_Verify: (n) =>
          n === 1
            ? {
                verificationMethod: 'on_site',
                verificationResult: 'failed',
                verificationNote: '未整改到位',
                newDueDate: '2027-02-01',
              }
            : { verificationMethod: 'documents', verificationResult: 'passed', verificationNote: '整改到位' },
        Task_AccountabilityDecision: () => ({
          accountabilityDecision: 'talk',
          talkAt: at(DAY),
          accountabilityNote: '约谈责任单位',
        }),
      },
      {
        // Round one starts already past the blue and red points, so both fire at once; later rounds only blue.
        'zhuanban.deadlines.compute': (job) =>
          job.headers.deadlineSet === 'ledger-lead-review'
            ? { leadReviewDueAt: at(3 * DAY), leadReviewReminderAt: at(3 * DAY) }
            : {
                dueAt: at(30 * DAY),
                blueAt: at(-60_000),
                redAt: ++computations === 1 ? at(-60_000) : at(40 * DAY),
              },
      },
    );
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'rectification',
      variables: {
        source: 'supervision',
        problem: '北辰冷链物流有限公司场地被堵，处置不力',
        measures: '依法处置并反馈',
        leadUnitCode: 'police',
        dueDate: '2026-12-31',
      },
    });
    await waitFor(w, () => w.ended('rectification') === 1);

    expect(
      w
        .jobsOf('zhuanban.ledger.escalate')
        .map((j) => j.headers.color)
        .sort(),
    ).toEqual(['blue', 'blue', 'blue', 'red']);
    expect(w.jobsOf('zhuanban.ledger.issueNotice')).toHaveLength(3);
    expect(w.jobsOf('zhuanban.ledger.recordAccountability')).toHaveLength(1);
    expect(w.jobsOf('zhuanban.ledger.recordVerification')).toHaveLength(2);
    expect(t.records.variables(processInstanceKey)).toMatchObject({
      ledgerNumber: 'ZG-2026-001',
      rectificationRound: 2,
      dueDate: '2027-02-01',
    });
    expect(
      t.records
        .events('USER_TASK', 'CREATED')
        .find((r) => r.value.elementId === 'Task_AccountabilityDecision')!.value.candidateGroupsList,
    ).toEqual(['leaders']);
  });

  it('refuses an extension asked for after the deadline without asking the office', async () => {
    const w = await walk(
      {
        Task_Rectify: (n) =>
          n === 1
            ? {
                progressNote: '进展',
                rectificationAction: 'extension',
                extensionReason: '需协调',
                requestedDueDate: '2027-01-15',
              }
            : { progressNote: '已整改', rectificationAction: 'submit' },
      },
      {
        'zhuanban.deadlines.compute': (job) =>
          job.headers.deadlineSet === 'ledger-lead-review'
            ? { leadReviewDueAt: shanghai(now + 3 * DAY), leadReviewReminderAt: shanghai(now + 3 * DAY) }
            : {
                dueAt: shanghai(now - 60_000),
                blueAt: shanghai(now + 90 * DAY),
                redAt: shanghai(now + 90 * DAY),
              },
      },
    );
    await t.zeebe.createProcessInstance({
      bpmnProcessId: 'rectification',
      variables: {
        source: 'complaint',
        problem: '投诉处理超期',
        measures: '限期答复',
        leadUnitCode: 'justice',
      },
    });
    await waitFor(w, () => w.ended('rectification') === 1);
    expect(w.tasks.map((x) => x.elementId)).not.toContain('Task_ApproveExtension');
    expect(w.jobsOf('zhuanban.ledger.decideExtension').map((j) => j.variables.extensionDecision)).toEqual([
      null,
    ]);
    expect(w.jobsOf('zhuanban.ledger.escalate').map((j) => j.headers.color)).toEqual(['yellow']);
  });
});
