// The job types several processes share: deadline variables for the models' timers, and templated mails.
import type { AnyJobHandler } from '../runtime/runner';
import deadlinesCompute from './deadlines-compute';
import mailSend from './mail-send';

export const sharedHandlers: AnyJobHandler[] = [deadlinesCompute, mailSend];
