// Test-only stand-ins for the job workers: each answers the output variables processes/README.md promises for
// its job type, computed from the job's input variables, with no database or mail behind it.
import type { JobStub, Variables } from './walk';

const DAY = 24 * 60;

/** An instant as ISO 8601 in Asia/Shanghai (+08:00), the form the deadline worker writes timer variables in. */
export function shanghai(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';
}

export function defaultStubs(clock: () => number): Record<string, JobStub> {
  const at = (minutes: number) => shanghai(clock() + minutes * 60_000);
  const deadlineSets: Record<string, (v: Variables) => Variables> = {
    'weekly-report': () => ({ reminderAt: at(6 * 60), cutoffAt: at(8 * 60) }),
    'case-opinions': () => ({ opinionDueAt: at(3 * DAY), opinionReminderAt: at(2 * DAY) }),
    'petition-registration': () => ({
      classificationDueAt: at(15 * DAY),
      classificationReminderAt: at(12 * DAY),
    }),
    'petition-handling': () => ({ handlingDueAt: at(60 * DAY), handlingReminderAt: at(57 * DAY) }),
    ledger: () => ({ dueAt: at(30 * DAY), blueAt: at(27 * DAY), redAt: at(37 * DAY) }),
    'ledger-lead-review': () => ({
      leadReviewDueAt: at(3 * DAY),
      leadReviewReminderAt: at(3 * DAY - 15 * 60),
    }),
    'weekly-report-late-sign-off': () => ({
      lateSignOffReminderAt: at(3 * DAY),
      lateSignOffDueAt: at(4 * DAY),
    }),
  };
  let meetings = 0;
  let ledgerItems = 0;
  return {
    'zhuanban.deadlines.compute': (job) => deadlineSets[job.headers.deadlineSet](job.variables),

    'zhuanban.report.openWeek': () => ({ units: ['court', 'police'], closesAt: at(8 * 60) }),
    'zhuanban.report.open': (job) => ({
      report: {
        unitName: job.variables.unitCode,
        taskProgress: [{ planTaskNumber: 1, title: '建立涉企案件协调机制', progress: null }],
        figures: [],
      },
    }),
    'zhuanban.report.consolidate': () => ({
      summaryText: '本周各单位工作情况汇总',
      lateUnitNames: '无',
      unsignedReports: [],
    }),
    'zhuanban.report.forward': () => ({ forwardedAt: at(0) }),

    'zhuanban.case.register': () => ({ caseNumber: 'XT-2026-001' }),
    'zhuanban.case.openMeeting': () => ({ meetingSequence: ++meetings }),
    'zhuanban.case.scheduleMeeting': (job) => ({ meetingAt: job.variables.meetingAt }),
    'zhuanban.case.rescheduleMeeting': (job) => ({ meetingAt: job.variables.newMeetingAt }),
    'zhuanban.case.recordMinutes': (job) => ({
      agreedItems: (job.variables.agreedItems as Variables[]).map((item, i) => ({
        ...item,
        id: 100 * meetings + i,
      })),
    }),

    'zhuanban.petition.register': (job) => ({
      petitionNumber: 'XF-2026-0001',
      handlingUnitCode: job.variables.receivingUnitCode,
      replyDelivered: false,
    }),
    'zhuanban.petition.classify': (job) => {
      const v = job.variables;
      const internal = v.classification === 'forward' && v.forwardToUnitCode !== 'external';
      return {
        handlingUnitCode: internal ? v.forwardToUnitCode : v.handlingUnitCode,
        forwardedInternally: internal,
      };
    },
    'zhuanban.petition.recordConsent': (job) => {
      const parties = (job.variables.parties ?? []) as Variables[];
      const refused = parties.filter((p) => p.partyConsent === 'refused');
      return {
        allPartiesConsented: parties.length > 0 && refused.length === 0,
        publicReplyDeclinedReason: refused.length
          ? refused.map((p) => `“${p.partyName}”不同意公开答复：${p.partyRefusalReason}`).join('；')
          : null,
      };
    },
    'zhuanban.petition.scheduleSession': (job) => ({ sessionAt: job.variables.sessionAt }),
    'zhuanban.petition.decideExtension': (job) =>
      job.variables.extensionDecision === 'approve'
        ? { handlingDueAt: at(75 * DAY), handlingReminderAt: at(72 * DAY) }
        : {},
    'zhuanban.petition.deliverReply': () => ({ replyDelivered: true }),

    'zhuanban.ledger.open': (job) => ({
      ledgerNumber: `ZG-2026-${String(++ledgerItems).padStart(3, '0')}`,
      dueDate: job.variables.dueDate ?? '2026-12-27',
      rectificationRound: 1,
    }),
    'zhuanban.ledger.recordProgress': (job) =>
      job.variables.rectificationAction === 'extension' ? { extensionDecision: null } : {},
    'zhuanban.ledger.decideExtension': (job) => {
      const approved = job.variables.extensionDecision === 'approve';
      return approved
        ? { extensionApproved: true, dueDate: job.variables.approvedDueDate }
        : { extensionApproved: false };
    },
    'zhuanban.ledger.recordVerification': (job) => {
      const v = job.variables;
      const failed = v.verificationResult === 'failed';
      return {
        rectificationRound: Number(v.rectificationRound) + (failed ? 1 : 0),
        dueDate: failed ? v.newDueDate : v.dueDate,
      };
    },
    'zhuanban.ledger.close': () => ({ closedAt: at(0) }),
  };
}

/** Answers for the rectification's own user tasks, used wherever a ledger item runs to its close. */
export const ledgerAnswers: Record<string, (n: number) => Variables> = {
  Task_Acknowledge: () => ({
    noticeAcknowledged: true,
    liaisonName: '联系人甲',
    liaisonPhone: '000-0000-0001',
  }),
  Task_Rectify: () => ({
    progressNote: '已完成整改并上传佐证材料',
    evidence: [],
    rectificationAction: 'submit',
  }),
  Task_LeadReview: () => ({ leadReviewDecision: 'sign', leadReviewNote: '同意报核验' }),
  Task_Verify: () => ({
    verificationMethod: 'documents',
    verificationResult: 'passed',
    verificationNote: '整改到位',
  }),
};
