// Compensation subscriptions of completed activities, moved by a migration as Zeebe 8.8 moves them: a
// subscription follows the mapping of its activity's compensation boundary event — MIGRATED to the activity the
// target boundary is attached to and that boundary's handler — or, with no mapping, is DELETED. A completed
// subprocess's subscription (no handler: it stands for its children) goes where its children went, and is
// deleted with them. The boundary must stay a compensation boundary event at the same place in the scopes.
import type { ReadonlyState } from '../../state/state';
import type { ExecutableElement, ExecutableProcess } from '../../model/types';
import { compensationBoundary } from '../../model/types';
import type { Key } from '../../protocol/keys';
import type { CompensationSubscriptionValue } from '../../protocol/values';
import type { MigrationRejection } from './migration-rules';

/** A subscription's fate: its value in the target (MIGRATED) or `null` (DELETED). */
export interface MovedSubscription {
  key: Key;
  before: CompensationSubscriptionValue;
  after: CompensationSubscriptionValue | null;
}

interface CompensationCheck {
  state: ReadonlyState;
  processInstanceKey: Key;
  source: ExecutableProcess;
  target: ExecutableProcess;
  targetDefinitionKey: Key;
  /** source element id → target element id, the process ids included. */
  mapping: Map<string, string>;
}

function depth(e: ExecutableElement): number {
  let n = 0;
  for (let s = e.flowScope; s; s = s.flowScope) n += 1;
  return n;
}

export function planCompensations(c: CompensationCheck): MovedSubscription[] | MigrationRejection {
  const { state, source, target, mapping } = c;
  const moved = new Map<Key, MovedSubscription>();
  const scopeChanged = (from: string, to: string): MigrationRejection => ({
    type: 'INVALID_STATE',
    reason: `Expected to migrate process instance with id '${source.id}' but the flow scope of compensation boundary event is changed. Flow scope '${from}' is not in the same level as '${to}'. The flow scope of a compensation boundary event cannot be changed during migration yet.`,
  });
  /** The target activity must sit where its scope went: the running scope's target, or as deep as before. */
  const checkScope = (
    s: CompensationSubscriptionValue,
    activity: ExecutableElement,
    to: ExecutableElement,
  ): MigrationRejection | undefined => {
    const scope = state.elements.get(s.compensableActivityScopeKey);
    const expected = scope ? mapping.get(scope.value.elementId) : undefined;
    const actual = to.flowScope?.id ?? '';
    if (scope ? expected === actual : depth(activity) === depth(to)) return undefined;
    return scopeChanged(activity.flowScope?.id ?? '', actual);
  };
  // Creation order puts a subprocess's subscription after those of its children.
  for (const { key, value: s } of state.compensations.ofProcessInstance(c.processInstanceKey)) {
    const activity = source.elements.get(s.compensableActivityId)!;
    let to: ExecutableElement | undefined;
    let handler = '';
    if (s.compensationHandlerId) {
      const boundary = compensationBoundary(activity)!;
      const targetId = mapping.get(boundary.id);
      const targetBoundary = targetId === undefined ? undefined : target.elements.get(targetId);
      if (targetId !== undefined && targetBoundary?.eventType !== 'COMPENSATION')
        return {
          type: 'INVALID_ARGUMENT',
          reason: `Expected to migrate process instance with id '${source.id}' but compensation boundary event '${boundary.id}' is mapped to a target boundary event '${targetId}' that has event type '${targetBoundary?.eventType ?? 'SEQUENCE_FLOW'}' different than compensation boundary event type.`,
        };
      to = targetBoundary?.attachedTo ?? undefined;
      handler = targetBoundary?.compensationHandler?.id ?? '';
    } else {
      const children = [...moved.values()].filter(
        (m) => m.before.compensableActivityScopeKey === s.compensableActivityInstanceKey && m.after,
      );
      // An inner instance of a multi-instance subprocess has the body's id: it goes where the body goes.
      const targets = new Set(
        children.map((m) => {
          const childTo = target.elements.get(m.after!.compensableActivityId)!;
          return m.before.compensableActivityId === s.compensableActivityId ? childTo : childTo.flowScope;
        }),
      );
      if (targets.size > 1)
        return {
          type: 'INVALID_STATE',
          reason: `Expected to migrate process instance '${c.processInstanceKey}' but the compensation subscriptions of the activities inside the completed subprocess '${activity.id}' are mapped into different scopes '${[...targets].map((e) => e?.id ?? '').join("', '")}'. They must stay together in one subprocess.`,
        };
      to = [...targets][0] ?? undefined;
      if (to && !to.flowScope) return scopeChanged(activity.flowScope?.id ?? '', to.id);
    }
    if (!to) {
      moved.set(key, { key, before: s, after: null });
      continue;
    }
    const refused = checkScope(s, activity, to);
    if (refused) return refused;
    moved.set(key, {
      key,
      before: s,
      after: {
        ...s,
        processDefinitionKey: c.targetDefinitionKey,
        compensableActivityId: to.id,
        compensationHandlerId: handler,
      },
    });
  }
  return [...moved.values()];
}
