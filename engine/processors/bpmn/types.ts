// The lifecycle interface every BPMN element processor implements, and the context it gets: the
// element instance (as it stands in state), its model element and the record value it writes.
import type { Key } from '../../protocol/keys';
import type { ProcessInstanceValue } from '../../protocol/values';
import type { ElementInstance } from '../../state/element-instances';
import type { ExecutableElement, ExecutableProcess } from '../../model/types';

export interface BpmnElementContext {
  key: Key;
  value: ProcessInstanceValue;
  element: ExecutableElement;
  process: ExecutableProcess;
  /** The element instance; present from ELEMENT_ACTIVATING until it ends. */
  instance: ElementInstance;
}

export interface BpmnElementProcessor {
  /** After ELEMENT_ACTIVATING: do the element's work, then wait (ACTIVATED) or complete. */
  onActivate(c: BpmnElementContext): void;
  /** After ELEMENT_COMPLETING: output mappings, close subscriptions, COMPLETED, leave. */
  onComplete(c: BpmnElementContext): void;
  /** After ELEMENT_TERMINATING: cancel what runs, TERMINATED, notify the scope. */
  onTerminate(c: BpmnElementContext): void;
}

export interface BpmnContainerProcessor extends BpmnElementProcessor {
  /** Called before a child writes ELEMENT_COMPLETED; a failure message becomes an incident on the child. */
  beforeChildCompleted?(scope: BpmnElementContext, child: BpmnElementContext): string | undefined;
  onChildCompleted(scope: BpmnElementContext, child: BpmnElementContext): void;
  onChildTerminated(scope: BpmnElementContext, child: BpmnElementContext): void;
}
