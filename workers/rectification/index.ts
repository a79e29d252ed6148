// The job types of the rectification process (督办-整改-销号): zhuanban.ledger.*, one module each.
import type { AnyJobHandler } from '../runtime/runner';
import acknowledge from './acknowledge';
import close from './close';
import decideExtension from './decide-extension';
import escalate from './escalate';
import issueNotice from './issue-notice';
import open from './open';
import recordAccountability from './record-accountability';
import recordLeadReview from './record-lead-review';
import recordProgress from './record-progress';
import recordVerification from './record-verification';
import remindLeadReview from './remind-lead-review';

export const rectificationHandlers: AnyJobHandler[] = [
  open,
  issueNotice,
  acknowledge,
  recordProgress,
  decideExtension,
  escalate,
  recordAccountability,
  recordLeadReview,
  remindLeadReview,
  recordVerification,
  close,
];
