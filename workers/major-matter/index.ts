// The job workers of the major-matter process (processes/major-matter.bpmn), one module per job type.
import type { AnyJobHandler } from '../runtime/runner';
import recordDecision from './record-decision';
import register from './register';

export const majorMatterHandlers: AnyJobHandler[] = [register, recordDecision];
