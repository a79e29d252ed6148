// The process-instance filter of the API, shared by the instance search and the definition
// statistics; filter properties this engine cannot evaluate yet are refused by name.
import { z } from 'zod';
import {
  dateFilter,
  enumFilter,
  intFilter,
  keyFilter,
  stringFilter,
  variableValueFilter,
} from '../validation';

const notSupported = z
  .unknown()
  .refine(() => false, 'this filter is not supported by this engine yet')
  .optional();

export const instanceStates = ['ACTIVE', 'COMPLETED', 'TERMINATED'] as const;
export const elementStates = ['ACTIVE', 'COMPLETED', 'TERMINATED'] as const;

export const baseInstanceFilter = z.strictObject({
  startDate: dateFilter.optional(),
  endDate: dateFilter.optional(),
  state: enumFilter(instanceStates).optional(),
  hasIncident: z.boolean().optional(),
  tenantId: stringFilter.optional(),
  variables: z.array(variableValueFilter).optional(),
  processInstanceKey: keyFilter.optional(),
  parentProcessInstanceKey: keyFilter.optional(),
  parentElementInstanceKey: keyFilter.optional(),
  batchOperationId: notSupported,
  errorMessage: stringFilter.optional(),
  hasRetriesLeft: notSupported,
  elementInstanceState: enumFilter(elementStates).optional(),
  elementId: stringFilter.optional(),
  hasElementInstanceIncident: z.boolean().optional(),
  incidentErrorHashCode: notSupported,
  tags: notSupported,
});

export const instanceFilterFields = baseInstanceFilter.extend({
  processDefinitionId: stringFilter.optional(),
  processDefinitionName: stringFilter.optional(),
  processDefinitionVersion: intFilter.optional(),
  processDefinitionVersionTag: stringFilter.optional(),
  processDefinitionKey: keyFilter.optional(),
});

export const instanceFilter = instanceFilterFields.extend({ $or: z.array(instanceFilterFields).optional() });
