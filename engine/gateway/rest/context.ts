// What every route needs: the engine (commands are strongly consistent — answered after the
// engine committed them), the projections (searches, eventually consistent), long polling for
// REST job workers, and full command values built from the few fields a request carries.
import type { Router } from 'express';
import type { Engine } from '../../engine';
import type { ProjectionQueries, Projections } from '../../projections';
import type { LongPolling } from '../long-polling';
import type { ValueByType, ValueType } from '../../protocol/values';
import { Problem, rejection } from './problems';
import { within } from '../request-timeout';

export interface RestContext {
  engine: Engine;
  queries: ProjectionQueries;
  /** The projections behind the queries: their lag (GET /v2/projections/status). */
  projections: Projections;
  polling: LongPolling;
  /** host and port of the gRPC gateway, for the topology. */
  grpc: () => { host: string; port: number };
  /** Whether clients may pin the engine clock (tests, trials): off in production, as in Zeebe. */
  clockControlled: boolean;
  /** How long a command the engine holds (user task listeners) may keep its request waiting. */
  requestTimeoutMillis: number;
}

export type RouteModule = (router: Router, ctx: RestContext) => void;

/** Runs a command and returns the engine's answer, or throws the rejection as a problem. */
export async function run<T extends ValueType>(
  engine: Engine,
  valueType: T,
  intent: string,
  value: ValueByType[T],
  key = -1,
): Promise<unknown> {
  const result = await engine.execute(valueType, intent, value, key);
  if (!result.ok) throw rejection(intent, result.rejectionType, result.reason);
  return result.value;
}

/**
 * Runs a command the engine may hold until task listeners end (user task transitions, variables on a
 * task). Past the request timeout the client gets what 8.8's REST gateway answers when the broker does not
 * answer in time — 504 with its TimeoutException problem — while the command goes on in the engine: the
 * transition still ends when its listeners do, once.
 */
export async function runHeld<T extends ValueType>(
  ctx: RestContext,
  valueType: T,
  intent: string,
  value: ValueByType[T],
  key = -1,
): Promise<unknown> {
  const answer = ctx.engine.execute(valueType, intent, value, key);
  const result = await within(answer, ctx.requestTimeoutMillis, requestTimedOut);
  if (!result.ok) throw rejection(intent, result.rejectionType, result.reason);
  return result.value;
}

function requestTimedOut(): Problem {
  return new Problem(
    504,
    'java.util.concurrent.TimeoutException',
    'Expected to handle REST API request, but request timed out between gateway and broker',
  );
}

export { incidentValue, instanceValue, jobValue, userTaskValue } from '../../protocol/defaults';
