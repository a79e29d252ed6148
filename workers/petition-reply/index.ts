// The job types of the petition-reply process (信访事项公开答复): zhuanban.petition.*, one module each.
import type { AnyJobHandler } from '../runtime/runner';
import classify from './classify';
import decideExtension from './decide-extension';
import deliverReply from './deliver-reply';
import markOverdue from './mark-overdue';
import notifyParticipants from './notify-participants';
import notifyReviewRoute from './notify-review-route';
import recordConsent from './record-consent';
import recordSatisfaction from './record-satisfaction';
import recordSession from './record-session';
import register from './register';
import remind from './remind';
import saveReply from './save-reply';
import scheduleSession from './schedule-session';

export const petitionReplyHandlers: AnyJobHandler[] = [
  register,
  remind,
  classify,
  recordConsent,
  scheduleSession,
  notifyParticipants,
  recordSession,
  saveReply,
  deliverReply,
  recordSatisfaction,
  notifyReviewRoute,
  decideExtension,
  markOverdue,
];
