// What every route needs: the engine (commands are strongly consistent — answered after the
// engine committed them), the projections (searches, eventually consistent), long polling for
// REST job workers, and full command values built from the few fields a request carries.
import type { Router } from 'express';
import type { Engine } from '../../engine';
import type { ProjectionQueries, Projections } from '../../projections';
import type { LongPolling } from '../long-polling';
import type { ValueByType, ValueType } from '../../protocol/values';
import { rejection } from './problems';

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

export { incidentValue, instanceValue, jobValue, userTaskValue } from '../../protocol/defaults';
