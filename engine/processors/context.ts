// Everything a command processor works with, handed over as one bundle: read-only state, the
// writers of the current batch, the key generator, models, behaviours and the non-durable
// registries of the gateway side (job streams, awaiting results, job notifications).
import type { ReadonlyState } from '../state/state';
import type { KeyGenerator, Key } from '../protocol/keys';
import type { ModelCache } from '../model/cache';
import type { Writers, Responder } from './writers';
import type { Behaviors } from '../behaviors';
import type { JobStreams } from './job/streams';
import type { ExpressionEvaluator } from '../feel/expression';
import type { ProcessInstanceResultValue } from '../protocol/values';

export interface AwaitingResult {
  responder: Responder;
  fetchVariables: string[];
  /** The definition and keys the creation answered with; the result adds the variables to them. */
  created: Omit<ProcessInstanceResultValue, 'variables'>;
}

export interface EngineContext {
  readonly state: ReadonlyState;
  readonly w: Writers;
  readonly keys: KeyGenerator;
  readonly models: ModelCache;
  readonly expressions: ExpressionEvaluator;
  readonly b: Behaviors;
  readonly streams: JobStreams;
  readonly awaitingResults: Map<Key, AwaitingResult>;
  /** Clients waiting for a user task transition that waits for its task listeners, by user task key. */
  readonly userTaskRequests: Map<Key, Responder>;
  /** Job types that got activatable jobs during this batch (long pollers are woken after commit). */
  readonly jobsAvailable: Set<string>;
  /** Whether an ACTIVATE_ELEMENT for this element of this scope is written but not yet processed. */
  isActivationPending(scopeKey: Key, elementId: string): boolean;
}
