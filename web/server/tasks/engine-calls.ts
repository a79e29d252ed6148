// The web's calls into the engine for tasks and start forms: one place that asks for the engine (503 in Chinese
// when the web runs without one) and turns the SDK's errors into answers a person can read. Reads ask for no
// eventual-consistency wait: the embedded engine's projections are current when a command returns.
import type { AppContext } from '../context';
import type { EngineApi } from '../engine/client';
import { HttpError } from '../http/problem';

export const now = { consistency: { waitUpToMs: 0 } } as const;

export function engineOf(ctx: AppContext): EngineApi {
  if (!ctx.engine) throw new HttpError(503, '流程引擎不可用', '流程引擎未连接，请稍后重试或联系系统管理员');
  return ctx.engine;
}

export interface SdkError {
  status?: number;
  title?: string;
  detail?: string;
}

export function sdkStatus(e: unknown): number | undefined {
  return typeof e === 'object' && e !== null ? (e as SdkError).status : undefined;
}

function unreachableReason(e: unknown): string {
  const parts: string[] = [];
  for (let x: unknown = e, depth = 0; x && depth < 4; x = (x as { cause?: unknown }).cause, depth++) {
    const { name, code, message } = x as { name?: string; code?: string; message?: string };
    parts.push([name, code, message].filter(Boolean).join(' '));
  }
  return parts.join(' ← ') || String(e);
}

/** Runs an engine call; a 404 becomes `notFound`, an unreachable engine a 503, anything else a 502. */
export async function engineCall<T>(call: () => Promise<T>, notFound = '未找到该任务'): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof HttpError) throw e;
    const status = sdkStatus(e);
    if (status === 404) throw new HttpError(404, '未找到', notFound);
    if (status === undefined) {
      // The person reads only that the engine is unreachable; the log says why (refused, reset, timed out).
      console.error('web: engine unreachable', unreachableReason(e));
      throw new HttpError(503, '流程引擎不可用', '无法连接流程引擎，请稍后重试或联系系统管理员');
    }
    if (status === 409) throw new HttpError(409, '冲突', '该事项的状态已变化，请刷新后重试');
    const detail = (e as SdkError).detail;
    console.error('web: engine call failed', status, detail);
    throw new HttpError(502, '流程引擎拒绝了请求', '请刷新后重试；如果问题持续，请联系系统管理员');
  }
}

/** A variable value as the REST API gives it (JSON text) parsed back. */
export function parseValue(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
