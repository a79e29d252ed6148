// Where the activations of a MODIFY command go — for every flow scope between the process and the element, an
// instance to reuse or one to create (Zeebe's ElementActivationBehavior, ancestor selection included) — and
// whether its terminations would end a process instance a call activity started. All of it is decided before
// anything is written, so a command that cannot be carried out is rejected whole and changes nothing.
import type { EngineContext } from '../context';
import type { BpmnElementContext } from '../bpmn/types';
import type { ExecutableElement, ExecutableProcess } from '../../model/types';
import type { Key } from '../../protocol/keys';
import type { BpmnElementType } from '../../protocol/element-types';
import type {
  ModificationActivateInstruction,
  ProcessInstanceModificationValue,
  ProcessInstanceValue,
  VariableDocument,
} from '../../protocol/values';
import type { ElementInstance } from '../../state/element-instances';
import { isActiveInstance, type Rejection } from './modification-rules';

/** An existing element instance, or the n-th flow scope instance the modification creates. */
export type ScopeRef = { key: Key } | { created: number };

export interface PlannedScope {
  element: ExecutableElement;
  type: BpmnElementType;
  parent: ScopeRef;
}

export interface PlannedActivation {
  instruction: ModificationActivateInstruction;
  element: ExecutableElement;
  /** The flow scope instances from the process down to the element's own flow scope. */
  path: ScopeRef[];
}

export interface ModificationPlan {
  created: PlannedScope[];
  activations: PlannedActivation[];
}

const same = (a: ScopeRef, b: ScopeRef) =>
  'key' in a ? 'key' in b && a.key === b.key : 'created' in b && a.created === b.created;

/** The scope elements from the outermost below the process down to the element's flow scope. */
function flowScopesOf(element: ExecutableElement): ExecutableElement[] {
  const out: ExecutableElement[] = [];
  for (let s = element.flowScope; s && s.type !== 'PROCESS'; s = s.flowScope) out.unshift(s);
  return out;
}

/** The process instance the activations go into: running (a modification) or being created (start instructions). */
export interface PlanRoot {
  key: Key;
  value: ProcessInstanceValue;
  /** Variables the root gets before anything is activated (a creation's variables). */
  variables: VariableDocument;
}

export class ModificationPlanner {
  private readonly created: PlannedScope[] = [];

  constructor(
    private readonly ctx: EngineContext,
    private readonly processInstance: PlanRoot,
    private readonly process: ExecutableProcess,
  ) {}

  plan(v: ProcessInstanceModificationValue): ModificationPlan | Rejection {
    const activations: PlannedActivation[] = [];
    for (const instruction of v.activateInstructions) {
      const element = this.process.elements.get(instruction.elementId)!;
      const path: ScopeRef[] = [{ key: this.processInstance.key }];
      for (const scope of flowScopesOf(element)) {
        // A multi-instance subprocess is two instances deep: the body, then its inner instances.
        const levels: BpmnElementType[] = scope.loop ? ['MULTI_INSTANCE_BODY', scope.type] : [scope.type];
        for (const type of levels) {
          const parent = path[path.length - 1];
          const reused = this.reusable(scope, type, parent, instruction.ancestorScopeKey);
          if (typeof reused === 'string') return this.multipleScopes(reused);
          if (reused) {
            path.push(reused);
            continue;
          }
          if (scope.loop)
            return this.invalid(
              `that would result in the activation of multi-instance element '${scope.id}', which is currently unsupported.`,
            );
          this.created.push({ element: scope, type, parent });
          path.push({ created: this.created.length - 1 });
        }
      }
      activations.push({ instruction, element, path });
    }
    return (
      this.checkSubscriptions(activations) ??
      this.checkTerminations(v, activations) ?? { created: this.created, activations }
    );
  }

  /** The instance of the scope to use under the parent; undefined → create one; a scope id → ambiguous. */
  private reusable(
    scope: ExecutableElement,
    type: BpmnElementType,
    parent: ScopeRef,
    ancestor: Key,
  ): ScopeRef | undefined | string {
    const candidates = this.instancesOf(scope, type, parent);
    const selected = ancestor > 0;
    if (candidates.length === 0) return undefined;
    if (candidates.length === 1) {
      // The selected ancestor lies above the only instance: a new instance goes next to it.
      return selected && this.isAncestor(ancestor, candidates[0]) ? undefined : candidates[0];
    }
    if (!selected) return scope.id;
    const chosen = candidates.find((c) => same(c, { key: ancestor }));
    if (chosen) return chosen;
    if (candidates.some((c) => this.isAncestor(ancestor, c))) return undefined;
    const above = candidates.find((c) => 'key' in c && this.isAncestor(c.key, { key: ancestor }));
    return above ?? scope.id;
  }

  private instancesOf(scope: ExecutableElement, type: BpmnElementType, parent: ScopeRef): ScopeRef[] {
    const { state } = this.ctx;
    const out: ScopeRef[] = [];
    if ('key' in parent) {
      for (const k of state.elements.children(parent.key)) {
        const i = state.elements.get(k);
        const isBody = i?.value.bpmnElementType === 'MULTI_INSTANCE_BODY';
        if (
          i?.value.elementId === scope.id &&
          isBody === (type === 'MULTI_INSTANCE_BODY') &&
          isActiveInstance(state, k)
        )
          out.push({ key: k });
      }
    }
    this.created.forEach((c, n) => {
      if (c.element === scope && c.type === type && same(c.parent, parent)) out.push({ created: n });
    });
    return out;
  }

  private isAncestor(ancestor: Key, ref: ScopeRef): boolean {
    let key: Key;
    if ('created' in ref) {
      let r: ScopeRef = this.created[ref.created].parent;
      while ('created' in r) r = this.created[r.created].parent;
      if (r.key === ancestor) return true;
      key = r.key;
    } else key = ref.key;
    for (let i = this.ctx.state.elements.get(key); i && i.value.flowScopeKey > 0;) {
      if (i.value.flowScopeKey === ancestor) return true;
      i = this.ctx.state.elements.get(i.value.flowScopeKey);
    }
    return false;
  }

  private elementIdOf(key: Key): string {
    return key === this.processInstance.key
      ? this.process.id
      : this.ctx.state.elements.get(key)!.value.elementId;
  }

  /** Value of a new scope instance, as the engine writes it for any child of `like`'s scope. */
  scopeValue(like: ProcessInstanceValue, scope: PlannedScope, flowScopeKey: Key): ProcessInstanceValue {
    return {
      ...like,
      elementId: scope.element.id,
      flowScopeKey,
      bpmnElementType: scope.type,
      bpmnEventType: scope.element.eventType,
    };
  }

  /** A new scope's boundary events and event subprocess starts must subscribe, or the command is refused. */
  private checkSubscriptions(activations: PlannedActivation[]): Rejection | undefined {
    const { b } = this.ctx;
    for (const a of activations) {
      let visible: VariableDocument = { ...this.processInstance.variables };
      let existing = this.processInstance.key;
      for (const ref of a.path) {
        const id = 'key' in ref ? this.elementIdOf(ref.key) : this.created[ref.created].element.id;
        visible = { ...visible, ...variablesFor(a.instruction, id, this.process.id) };
        if ('key' in ref) {
          existing = ref.key;
          continue;
        }
        const scope = this.created[ref.created];
        const c = {
          key: -1,
          value: this.scopeValue(this.processInstance.value, scope, -1),
          element: scope.element,
          process: this.process,
        } as BpmnElementContext;
        const failure = b.subscriptions.check(c, b.variables.lookup(existing, visible));
        if (failure)
          return {
            type: 'INVALID_ARGUMENT',
            reason: `Expected to subscribe to catch event(s) of '${scope.element.id}' but ${failure.message}`,
          };
      }
    }
    return undefined;
  }

  /**
   * Terminating an instance ends its flow scopes that are left with nothing to do; reaching the root of a
   * process instance a call activity started is refused (as in Zeebe: modify the parent instead).
   */
  private checkTerminations(
    v: ProcessInstanceModificationValue,
    activations: PlannedActivation[],
  ): Rejection | undefined {
    const { state } = this.ctx;
    const required = new Set(activations.flatMap((a) => a.path.flatMap((r) => ('key' in r ? [r.key] : []))));
    const ended = new Set<Key>();
    const end = (key: Key) => {
      ended.add(key);
      for (const child of state.elements.children(key)) end(child);
    };
    const childProcess = (i: ElementInstance) =>
      i.value.bpmnElementType === 'PROCESS' && i.value.parentProcessInstanceKey > 0;
    for (const { elementInstanceKey } of v.terminateInstructions) {
      if (ended.has(elementInstanceKey)) continue;
      let instance = state.elements.get(elementInstanceKey);
      if (instance && childProcess(instance)) return this.endsChildProcess();
      end(elementInstanceKey);
      for (instance = state.elements.get(instance!.value.flowScopeKey); instance;) {
        const idle =
          !required.has(instance.key) &&
          instance.activeFlows === 0 &&
          [...state.elements.children(instance.key)].every((k) => ended.has(k));
        if (!idle) break;
        if (childProcess(instance)) return this.endsChildProcess();
        end(instance.key);
        instance = state.elements.get(instance.value.flowScopeKey);
      }
    }
    return undefined;
  }

  private endsChildProcess(): Rejection {
    return {
      type: 'INVALID_ARGUMENT',
      reason: `Expected to modify instance of process '${this.process.id}' but the given instructions would terminate the instance. The instance was created by a call activity in the parent process. To terminate this instance please modify the parent process instead.`,
    };
  }

  private multipleScopes(scopeId: string): Rejection {
    return this.invalid(
      `for an element that has a flow scope with more than one active instance: '${scopeId}'. Can't decide in which instance of the flow scope the element should be activated. Please specify an ancestor element instance key for this activate instruction.`,
    );
  }

  private invalid(tail: string): Rejection {
    return {
      type: 'INVALID_ARGUMENT',
      reason: `Expected to modify instance of process '${this.process.id}' but it contains one or more activate instructions ${tail}`,
    };
  }
}

/** The variables an activate instruction creates in the instance of the given element ('' = the process). */
export function variablesFor(
  instruction: ModificationActivateInstruction,
  elementId: string,
  processId: string,
): VariableDocument {
  let doc: VariableDocument = {};
  for (const i of instruction.variableInstructions)
    if (i.elementId === elementId || (i.elementId === '' && elementId === processId))
      doc = { ...doc, ...i.variables };
  return doc;
}
