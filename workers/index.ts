// The registry of job workers: one module per job type (workers/<process>/<job>.ts, each exporting a handler made
// with defineHandler), listed here once. `zhuanban workers` and `npm start` subscribe every handler in this list.
import type { AnyJobHandler } from './runtime/runner';
import { caseCoordinationHandlers } from './case-coordination';
import { majorMatterHandlers } from './major-matter';
import { petitionReplyHandlers } from './petition-reply';
import { rectificationHandlers } from './rectification';
import { sharedHandlers } from './shared';
import { weeklyReportHandlers } from './weekly-report';

export const handlers: AnyJobHandler[] = [
  ...sharedHandlers, // zhuanban.deadlines.compute, zhuanban.mail.send
  ...weeklyReportHandlers, // zhuanban.report.*
  ...caseCoordinationHandlers, // zhuanban.case.*
  ...petitionReplyHandlers, // zhuanban.petition.*
  ...rectificationHandlers, // zhuanban.ledger.*
  ...majorMatterHandlers, // zhuanban.major.*
  // e.g. reportRemind, — `import reportRemind from './weekly-report/remind';` above
];

export {
  defineHandler,
  BusinessError,
  type JobHandler,
  type JobContext,
  type Acknowledgement,
} from './runtime/handler';
export { createServices, type Services } from './runtime/services';
export { startWorkers, type AnyJobHandler, type WorkerRuntime } from './runtime/runner';
