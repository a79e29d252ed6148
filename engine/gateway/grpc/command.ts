// What every gRPC handler shares: running a command on the engine and turning a rejection into the
// gateway error (status code and Zeebe's message text).
import type { GatewayEngine } from './gateway-engine';
import type { ValueByType, ValueType } from '../../protocol/values';
import { GatewayError, rejectionMessage } from '../rejections';
import { javaDuration, within } from '../request-timeout';

export type Req = Record<string, unknown>;

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export async function runCommand<T extends ValueType>(
  engine: GatewayEngine,
  valueType: T,
  intent: string,
  value: ValueByType[T],
  key = -1,
): Promise<unknown> {
  const result = await engine.execute(valueType, intent, value, key);
  if (!result.ok)
    throw new GatewayError(
      result.rejectionType,
      rejectionMessage(intent, result.rejectionType, result.reason),
    );
  return result.value;
}

/** The broker did not answer within the request timeout: gRPC DEADLINE_EXCEEDED, as Zeebe's gateway says it. */
export class GatewayTimeout extends Error {}

/**
 * Runs a command the engine may hold until task listeners end (SetVariables on a user task). Past the
 * request timeout the client gets Zeebe's DEADLINE_EXCEEDED while the command goes on in the engine.
 */
export function runHeldCommand<T extends ValueType>(
  engine: GatewayEngine,
  timeoutMillis: number,
  valueType: T,
  intent: string,
  value: ValueByType[T],
): Promise<unknown> {
  return within(
    runCommand(engine, valueType, intent, value),
    timeoutMillis,
    () =>
      new GatewayTimeout(
        `Time out between gateway and broker: Request timed out in ${javaDuration(timeoutMillis)}`,
      ),
  );
}
