// Who a job acts for: the person whose user-task completion this handler carries out, else the worker itself.
//
// Why a stale or foreign person cannot be named: the web sets `zhuanbanActor` with every completion it makes,
// and the value is trusted only when its elementId is one of the user tasks the handler declares in
// `actingFor` — the tasks whose completion leads straight to it. A handler reached another way (a timer, a
// message, a gateway branch from a service task) sees the elementId of some other step and keeps the worker
// actor. A completed user task's value cannot be left over for a later visit either: the acting handler
// clears it (`zhuanbanActor: null` with its own completion), and a new completion of the same task overwrites
// it. Parallel completions do not overwrite each other because every multi-instance body and every
// subprocess that runs beside other user tasks holds its own local `zhuanbanActor` (processes/README.md) —
// petition-reply's extension approval too (SubProcess_Extension). Should a model ever put user tasks in
// parallel branches of one scope, a completion on one branch could replace or clear the other's value before
// its worker reads it; that worker would find another elementId (or none) and name itself, never the wrong
// person (test/workers/acting-for.test.ts keeps the models' local scopes as listed).
import { actingPersonSchema, actingPersonVariable, type ActingPerson } from '../../domain/acting-person';
import type { Actor } from '../../domain/audit';
import { workerActor } from '../shared/actor';

/** The variables a handler fetches: its own list plus the acting person when it acts for user tasks. */
export function variablesToFetch(handler: {
  fetchVariables?: string[];
  actingFor?: readonly string[];
}): string[] | undefined {
  const own = handler.fetchVariables;
  if (!own || !handler.actingFor?.length || own.includes(actingPersonVariable)) return own;
  return [...own, actingPersonVariable];
}

export interface ActingFor {
  actor: Actor;
  /** The person the value named when it was trusted (the completion then clears it). */
  person?: ActingPerson;
}

export function actingFor(
  handler: { actingFor?: readonly string[] },
  jobType: string,
  value: unknown,
): ActingFor {
  const worker = { actor: workerActor(jobType) };
  if (!handler.actingFor?.length || value === undefined || value === null) return worker;
  const parsed = actingPersonSchema.safeParse(value);
  if (!parsed.success || !handler.actingFor.includes(parsed.data.elementId)) return worker;
  const person = parsed.data;
  return {
    actor: { userId: person.userId, label: person.username, via: `worker:${jobType}` },
    person,
  };
}
