// Which BPMN element types the engine executes, and how moddle names map to Zeebe's element types.
import type { BpmnElementType } from '../protocol/element-types';

export const ELEMENT_TYPES: Record<string, BpmnElementType> = {
  'bpmn:StartEvent': 'START_EVENT',
  'bpmn:EndEvent': 'END_EVENT',
  'bpmn:IntermediateCatchEvent': 'INTERMEDIATE_CATCH_EVENT',
  'bpmn:IntermediateThrowEvent': 'INTERMEDIATE_THROW_EVENT',
  'bpmn:BoundaryEvent': 'BOUNDARY_EVENT',
  'bpmn:ServiceTask': 'SERVICE_TASK',
  'bpmn:SendTask': 'SEND_TASK',
  'bpmn:ScriptTask': 'SCRIPT_TASK',
  'bpmn:BusinessRuleTask': 'BUSINESS_RULE_TASK',
  'bpmn:UserTask': 'USER_TASK',
  'bpmn:ReceiveTask': 'RECEIVE_TASK',
  'bpmn:ManualTask': 'MANUAL_TASK',
  'bpmn:Task': 'TASK',
  'bpmn:ExclusiveGateway': 'EXCLUSIVE_GATEWAY',
  'bpmn:ParallelGateway': 'PARALLEL_GATEWAY',
  'bpmn:InclusiveGateway': 'INCLUSIVE_GATEWAY',
  'bpmn:EventBasedGateway': 'EVENT_BASED_GATEWAY',
  'bpmn:SubProcess': 'SUB_PROCESS',
  'bpmn:AdHocSubProcess': 'AD_HOC_SUB_PROCESS',
  'bpmn:CallActivity': 'CALL_ACTIVITY',
};

/** Elements that only document the model; Zeebe ignores them at run time. */
export const IGNORED = new Set([
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
  'bpmn:TextAnnotation',
  'bpmn:Association',
  'bpmn:Group',
]);

export const UNSUPPORTED: Record<string, string> = {
  'bpmn:ComplexGateway': 'complex gateways are not supported by Zeebe',
  'bpmn:Transaction': 'transaction subprocesses are not supported by Zeebe',
  'bpmn:ConditionalEventDefinition': 'conditional events are not supported by Zeebe',
  'bpmn:CancelEventDefinition': 'cancel events are not supported by Zeebe',
  'bpmn:StandardLoopCharacteristics': 'standard loops are not supported by Zeebe; use multi-instance',
};

export const JOB_USER_TASK_TYPE = 'io.camunda.zeebe:userTask';

export function isActivity(type: BpmnElementType): boolean {
  return (
    type.endsWith('_TASK') ||
    type === 'TASK' ||
    type === 'SUB_PROCESS' ||
    type === 'AD_HOC_SUB_PROCESS' ||
    type === 'CALL_ACTIVITY'
  );
}
