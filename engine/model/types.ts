// The executable model: what the processors walk. Built once per deployed process from the BPMN
// XML (transform.ts) and never re-parsed per instance.
import type { BpmnElementType, BpmnEventType } from '../protocol/element-types';
import type { Expression } from '../feel/expression';
import type { TaskListener } from './task-listeners';

export interface Mapping {
  source: Expression | null;
  /** Dotted target split into its path (`sender.name` → ['sender', 'name']). */
  target: string[];
}

export type TimerDefinition =
  | { kind: 'date'; expression: Expression }
  | { kind: 'duration'; expression: Expression }
  | { kind: 'cycle'; expression: Expression };

export interface MessageDefinition {
  name: Expression;
  correlationKey: Expression | null;
}

export interface LoopDefinition {
  sequential: boolean;
  inputCollection: Expression;
  inputElement: string | null;
  outputCollection: string | null;
  outputElement: Expression | null;
  completionCondition: Expression | null;
}

export interface UserTaskDefinition {
  assignee: Expression | null;
  candidateGroups: Expression | null;
  candidateUsers: Expression | null;
  dueDate: Expression | null;
  followUpDate: Expression | null;
  priority: Expression | null;
  formId: string | null;
  formBindingType: 'latest' | 'deployment' | 'versionTag';
  formVersionTag: string | null;
  externalFormReference: string | null;
  /** True for Camunda user tasks (`zeebe:userTask`); false for job-worker user tasks. */
  native: boolean;
  /** zeebe:taskListeners in model order (event types mixed). */
  taskListeners: TaskListener[];
}

export interface CalledElementDefinition {
  processId: Expression;
  bindingType: 'latest' | 'deployment' | 'versionTag';
  versionTag: string | null;
  propagateAllChildVariables: boolean;
  propagateAllParentVariables: boolean;
  /** Its place among the resource's call activity ids sorted (call-activity-index.ts): callingElementPath. */
  lexicographicIndex: number;
}

export interface ExecutableFlow {
  id: string;
  source: ExecutableElement;
  target: ExecutableElement;
  condition: Expression | null;
}

export interface ExecutionListener {
  eventType: 'start' | 'end';
  type: Expression;
  retries: Expression;
  headers: Record<string, string>;
}

export interface ExecutableElement {
  id: string;
  name: string;
  type: BpmnElementType;
  eventType: BpmnEventType;
  /** The enclosing scope element (process, subprocess, event subprocess); null for the process. */
  flowScope: ExecutableElement | null;
  incoming: ExecutableFlow[];
  outgoing: ExecutableFlow[];
  defaultFlow: ExecutableFlow | null;

  inputMappings: Mapping[];
  outputMappings: Mapping[];

  // tasks that create jobs
  jobType: Expression | null;
  jobRetries: Expression | null;
  taskHeaders: Record<string, string>;
  userTask: UserTaskDefinition | null;
  script: { expression: Expression; resultVariable: string } | null;
  calledDecision: CalledDecisionDefinition | null;
  calledElement: CalledElementDefinition | null;
  loop: LoopDefinition | null;
  /** zeebe:executionListeners, in model order (start and end mixed). */
  executionListeners: ExecutionListener[];

  // events
  timer: TimerDefinition | null;
  message: MessageDefinition | null;
  signalName: Expression | null;
  /** Escalation events: the escalation's code; null on a catch event means catch-all. */
  escalationCode: Expression | null;
  /** Link events: the link's name; on a throw event, the catch event of that name in the same scope. */
  linkName: string | null;
  linkCatch: ExecutableElement | null;
  /** Compensation: an activity marked isForCompensation is a handler, run only by a compensation throw. */
  forCompensation: boolean;
  /** Compensation boundary events: the handler their association points to. */
  compensationHandler: ExecutableElement | null;
  /** Compensation throw and end events: the activityRef (id), and the activity it names in the model. */
  compensationRef: string | null;
  compensationActivity: ExecutableElement | null;
  /** Error code of an error event; null on a catch event means catch-all. */
  errorCode: Expression | null;
  /** Boundary events: cancelActivity; start events of event subprocesses: isInterrupting. */
  interrupting: boolean;
  attachedTo: ExecutableElement | null;
  boundaryEvents: ExecutableElement[];

  // containers (process, subprocess, event subprocess)
  children: ExecutableElement[];
  noneStartEvent: ExecutableElement | null;
  startEvents: ExecutableElement[];
  eventSubprocesses: ExecutableElement[];
  /** Event-based gateway: the catch events it waits for. */
  eventGatewayTargets: ExecutableElement[];
  /** Ad-hoc subprocesses: how they activate their elements and complete. */
  adHoc: AdHocDefinition | null;
}

/**
 * An ad-hoc subprocess (`bpmn:adHocSubProcess`, `zeebe:adHoc`). Each activated element runs in an inner instance
 * of its own (`<id>#innerInstance`, AD_HOC_SUB_PROCESS_INNER_INSTANCE), the model scope of the inner elements.
 */
export interface AdHocDefinition {
  /**
   * BPMN: the engine activates `activeElementsCollection` and evaluates the completion condition. JOB_WORKER: a job
   * of the element's task definition decides both (the expressions are not evaluated).
   */
  implementation: 'BPMN' | 'JOB_WORKER';
  activeElementsCollection: Expression | null;
  completionCondition: Expression | null;
  cancelRemainingInstances: boolean;
  outputCollection: string | null;
  outputElement: Expression | null;
  /** Inner elements without incoming flows, which activeElementsCollection may name. */
  activities: ExecutableElement[];
  innerInstance: ExecutableElement;
  /** The value of the `adHocSubProcessElements` variable. */
  metadata: {
    elementId: string;
    elementName: string;
    documentation: string;
    properties: Record<string, string>;
    parameters: unknown[];
  }[];
}

export interface ExecutableProcess {
  id: string;
  name: string;
  versionTag: string;
  root: ExecutableElement;
  elements: Map<string, ExecutableElement>;
  flows: Map<string, ExecutableFlow>;
  messageStartEvents: ExecutableElement[];
  timerStartEvents: ExecutableElement[];
  signalStartEvents: ExecutableElement[];
}

/** The activity's compensation boundary event, if it has one. */
export function compensationBoundary(e: ExecutableElement): ExecutableElement | undefined {
  return e.boundaryEvents.find((b) => b.eventType === 'COMPENSATION');
}

export function isContainer(e: ExecutableElement): boolean {
  return (
    e.type === 'PROCESS' ||
    e.type === 'SUB_PROCESS' ||
    e.type === 'EVENT_SUB_PROCESS' ||
    e.type === 'AD_HOC_SUB_PROCESS' ||
    e.type === 'AD_HOC_SUB_PROCESS_INNER_INSTANCE'
  );
}

export function newElement(
  id: string,
  type: BpmnElementType,
  flowScope: ExecutableElement | null,
): ExecutableElement {
  return {
    id,
    name: '',
    type,
    eventType: 'UNSPECIFIED',
    flowScope,
    incoming: [],
    outgoing: [],
    defaultFlow: null,
    inputMappings: [],
    outputMappings: [],
    jobType: null,
    jobRetries: null,
    taskHeaders: {},
    userTask: null,
    script: null,
    calledDecision: null,
    calledElement: null,
    loop: null,
    executionListeners: [],
    timer: null,
    message: null,
    signalName: null,
    escalationCode: null,
    linkName: null,
    linkCatch: null,
    forCompensation: false,
    compensationHandler: null,
    compensationRef: null,
    compensationActivity: null,
    errorCode: null,
    interrupting: true,
    attachedTo: null,
    boundaryEvents: [],
    children: [],
    noneStartEvent: null,
    startEvents: [],
    eventSubprocesses: [],
    eventGatewayTargets: [],
    adHoc: null,
  };
}

/** A business-rule task's `zeebe:calledDecision`: evaluated by the engine, no job. */
export interface CalledDecisionDefinition {
  decisionId: Expression;
  resultVariable: string;
  bindingType: 'latest' | 'deployment' | 'versionTag';
  versionTag: string | null;
}
