// The job workers of the weekly report (processes/weekly-report.bpmn), one module per job type.
import type { AnyJobHandler } from '../runtime/runner';
import consolidate from './consolidate';
import forward from './forward';
import openReport from './open-report';
import openWeek from './open-week';
import recordMinutes from './record-minutes';
import remind from './remind';
import remindLateSignOff from './remind-late-sign-off';
import returnReport from './return';
import signOff from './sign-off';
import submit from './submit';

export const weeklyReportHandlers: AnyJobHandler[] = [
  openWeek,
  openReport,
  submit,
  returnReport,
  signOff,
  remind,
  remindLateSignOff,
  consolidate,
  forward,
  recordMinutes,
];
