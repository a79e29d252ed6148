// The job workers of the disputed-case coordination meeting (processes/case-coordination.bpmn), one module per
// job type; the invitations go through the shared zhuanban.mail.send.
import type { AnyJobHandler } from '../runtime/runner';
import decline from './decline';
import openMeeting from './open-meeting';
import recordMinutes from './record-minutes';
import register from './register';
import remindOpinions from './remind-opinions';
import rescheduleMeeting from './reschedule-meeting';
import resolve from './resolve';
import saveOpinion from './save-opinion';
import scheduleMeeting from './schedule-meeting';

export const caseCoordinationHandlers: AnyJobHandler[] = [
  register,
  decline,
  openMeeting,
  saveOpinion,
  remindOpinions,
  scheduleMeeting,
  rescheduleMeeting,
  recordMinutes,
  resolve,
];
