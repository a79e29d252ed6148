// Every notification template, one small function each, zh-CN text: import from here.
export { taskAssigned, reminder, type TaskAssignment, type Reminder } from './tasks';
export {
  supervisionNotice,
  escalation,
  leadReviewReminder,
  type LeadReviewReminder,
  colorNames,
  type SupervisionNotice,
  type Escalation,
  type EscalationColor,
} from './ledger';
export { meetingInvitation, meetingUid, type MeetingInvitation } from './meetings';
export {
  petitionNotice,
  publicReplyInvitation,
  type PetitionNotice,
  type PetitionNoticeKind,
  type PublicReplyInvitation,
} from './petitions';
export {
  weeklyReportForward,
  weeklyReportLateDecision,
  weeklyReportMakeup,
  weeklyReportReturned,
  weeklyReportSignOffOverdue,
  type WeeklyReportForward,
  type WeeklyReportLateDecision,
  type WeeklyReportReturned,
} from './weekly-report';
export { caseDeclined, type CaseDeclined } from './cases';
export { supervisionCircular, type SupervisionCircularMail } from './circular';
export { zhDate, zhDateTime } from './layout';
