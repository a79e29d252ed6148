// Handlers of the job RPCs: complete, fail, throw a BPMN error, update retries and timeout, and the
// activation requests of polling and streaming workers (validated as Zeebe's gateway does).
import type { GatewayEngine } from './gateway-engine';
import type { JobResult, ValueByType, ValueType } from '../../protocol/values';
import { GatewayError } from '../rejections';
import { checkTenants, parseDocument } from '../documents';
import type { ActivatedJob } from '../../processors/job/streams';
import { int64 } from './convert';
import { jobValue } from '../../protocol/defaults';
import { runCommand, str, type Req } from './command';
import { grpcJobResult } from './job-result';

/** The 8.8 `result` of a CompleteJob request, when it has one. */
function resultOf(req: Req): { result?: JobResult } {
  const result = grpcJobResult(req.result);
  return result ? { result } : {};
}

export class JobHandlers {
  constructor(private readonly engine: GatewayEngine) {}

  private run<T extends ValueType>(
    valueType: T,
    intent: string,
    value: ValueByType[T],
    key = -1,
  ): Promise<unknown> {
    return runCommand(this.engine, valueType, intent, value, key);
  }

  private jobKey(raw: unknown): number {
    const key = int64(raw);
    if (!Number.isSafeInteger(key) || key <= 0)
      throw new GatewayError('INVALID_ARGUMENT', `Expected a job key, but got '${String(raw)}'`);
    return key;
  }

  async completeJob(req: Req) {
    await this.run(
      'JOB',
      'COMPLETE',
      jobValue({ variables: parseDocument(str(req.variables)), ...resultOf(req) }),
      this.jobKey(req.jobKey),
    );
    return {};
  }

  async failJob(req: Req) {
    const retries = typeof req.retries === 'number' ? req.retries : 0;
    await this.run(
      'JOB',
      'FAIL',
      jobValue({
        retries,
        errorMessage: str(req.errorMessage),
        retryBackoff: Math.max(0, int64(req.retryBackOff)),
        variables: parseDocument(str(req.variables)),
      }),
      this.jobKey(req.jobKey),
    );
    return {};
  }

  async throwError(req: Req) {
    if (!str(req.errorCode))
      throw new GatewayError(
        'INVALID_ARGUMENT',
        "Expected argument 'errorCode' to be provided, but it was empty",
      );
    await this.run(
      'JOB',
      'THROW_ERROR',
      jobValue({
        errorCode: str(req.errorCode),
        errorMessage: str(req.errorMessage),
        variables: parseDocument(str(req.variables)),
      }),
      this.jobKey(req.jobKey),
    );
    return {};
  }

  async updateJobRetries(req: Req) {
    await this.run(
      'JOB',
      'UPDATE_RETRIES',
      jobValue({ retries: typeof req.retries === 'number' ? req.retries : 0 }),
      this.jobKey(req.jobKey),
    );
    return {};
  }

  async updateJobTimeout(req: Req) {
    const timeout = int64(req.timeout);
    if (!(timeout > 0))
      throw new GatewayError(
        'INVALID_ARGUMENT',
        `Expected the timeout to be greater than zero, but it was '${String(req.timeout)}'`,
      );
    await this.run('JOB', 'UPDATE_TIMEOUT', jobValue({ timeout }), this.jobKey(req.jobKey));
    return {};
  }

  activationRequest(req: Req, streaming: boolean) {
    const type = str(req.type);
    if (!type.trim())
      throw new GatewayError(
        'INVALID_ARGUMENT',
        "Expected argument 'type' to be a non-empty string, but it was empty",
      );
    const timeout = int64(req.timeout);
    if (!(timeout >= 1))
      throw new GatewayError(
        'INVALID_ARGUMENT',
        `Expected argument 'timeout' to be greater than zero, but it was '${String(req.timeout)}'`,
      );
    const max = typeof req.maxJobsToActivate === 'number' ? req.maxJobsToActivate : 0;
    if (!streaming && max < 1)
      throw new GatewayError(
        'INVALID_ARGUMENT',
        `Expected argument 'maxJobsToActivate' to be greater than zero, but it was '${max}'`,
      );
    checkTenants(req.tenantIds as string[] | undefined);
    return {
      type,
      worker: str(req.worker) || 'default',
      timeout,
      maxJobsToActivate: max,
      fetchVariables: ((req.fetchVariable as string[] | undefined) ?? []).filter((n) => n),
      requestTimeout: int64(req.requestTimeout),
    };
  }

  async activateJobs(req: Req, onCancel: (cancel: () => void) => void): Promise<ActivatedJob[]> {
    return this.engine.activate(this.activationRequest(req, false), onCancel);
  }
}
