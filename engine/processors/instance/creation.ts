// PROCESS_INSTANCE_CREATION CREATE (with or without awaiting the result, at the none start event or at the
// elements of start instructions) and PROCESS_INSTANCE CANCEL: the instance API of the gateway (ZEEBE-SEMANTICS §1.4).
import type { EngineContext } from '../context';
import type { EngineRecord } from '../../protocol/record';
import type { ProcessValue } from '../../protocol/values';
import { ownerOf } from '../../behaviors/variables';
import { newInstanceValue } from '../../protocol/defaults';
import { checkStartInstructions, startAt } from './start-instructions';

export class InstanceProcessors {
  constructor(private readonly ctx: EngineContext) {}

  create(command: EngineRecord<'PROCESS_INSTANCE_CREATION'>, awaitResult: boolean): void {
    const { w, state, keys, b } = this.ctx;
    const v = command.value;
    let definition: ProcessValue | undefined;
    if (v.processDefinitionKey > 0) {
      definition = state.definitions.process(v.processDefinitionKey);
      if (!definition)
        return w.reject(
          'NOT_FOUND',
          `Expected to find process definition with key '${v.processDefinitionKey}', but none found`,
        );
    } else if (v.version > 0) {
      definition = state.definitions.processVersion(v.bpmnProcessId, v.version);
      if (!definition)
        return w.reject(
          'NOT_FOUND',
          `Expected to find process definition with process ID '${v.bpmnProcessId}' and version '${v.version}', but none found`,
        );
    } else {
      definition = state.definitions.latestProcess(v.bpmnProcessId);
      if (!definition)
        return w.reject(
          'NOT_FOUND',
          `Expected to find process definition with process ID '${v.bpmnProcessId}', but none found`,
        );
    }
    const model = state.definitions.model(definition.processDefinitionKey);
    const starts = v.startInstructions;
    if (starts.length === 0 && !model.root.noneStartEvent) {
      return w.reject(
        'INVALID_STATE',
        `Expected to create instance of process with none start event, but there is no such event`,
      );
    }
    const refused = starts.length > 0 ? checkStartInstructions(model, starts) : undefined;
    if (refused) return w.reject(refused.type, refused.reason);
    const processInstanceKey = keys.next();
    const value = newInstanceValue(definition, processInstanceKey);
    if (starts.length > 0) {
      if (!startAt(this.ctx, model, value, v)) return;
    } else {
      b.variables.setLocalDocument(processInstanceKey, v.variables, ownerOf(value));
      w.appendCommand(processInstanceKey, 'PROCESS_INSTANCE', 'ACTIVATE_ELEMENT', value);
    }
    const created = {
      ...v,
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
      processDefinitionKey: definition.processDefinitionKey,
      processInstanceKey,
      variables: {},
    };
    w.appendEvent(processInstanceKey, 'PROCESS_INSTANCE_CREATION', 'CREATED', created);
    const response = {
      processDefinitionKey: definition.processDefinitionKey,
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
      processInstanceKey,
      tenantId: definition.tenantId,
    };
    if (!awaitResult) {
      w.respond(response);
      return;
    }
    const responder = w.detachResponder();
    if (responder)
      this.ctx.awaitingResults.set(processInstanceKey, {
        responder,
        fetchVariables: v.fetchVariables,
        created: response,
      });
  }

  cancel(command: EngineRecord<'PROCESS_INSTANCE'>): void {
    const { w, state, b } = this.ctx;
    const instance = state.elements.get(command.key);
    // As in Zeebe, an instance that is already being canceled is not found either.
    if (
      !instance ||
      instance.value.bpmnElementType !== 'PROCESS' ||
      instance.state === 'ELEMENT_TERMINATING'
    ) {
      return w.reject(
        'NOT_FOUND',
        `Expected to cancel a process instance with key '${command.key}', but no such process was found`,
      );
    }
    if (instance.value.parentProcessInstanceKey > 0) {
      let root = instance.value.parentProcessInstanceKey;
      for (let parent = state.elements.get(root); parent; parent = state.elements.get(root)) {
        if (parent.value.parentProcessInstanceKey <= 0) break;
        root = parent.value.parentProcessInstanceKey;
      }
      return w.reject(
        'INVALID_STATE',
        `Expected to cancel a process instance with key '${command.key}', but it is created by a parent process instance. Cancel the root process instance '${root}' instead.`,
      );
    }
    b.transitions.terminateElement(instance.key, instance.value);
    w.respond({});
  }
}
