// What every gRPC handler shares: running a command on the engine and turning a rejection into the
// gateway error (status code and Zeebe's message text).
import type { Engine } from '../../engine';
import type { ValueByType, ValueType } from '../../protocol/values';
import { GatewayError, rejectionMessage } from '../rejections';

export type Req = Record<string, unknown>;

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export async function runCommand<T extends ValueType>(
  engine: Engine,
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
