// How a worker answers a domain error or input that does not fit the domain's rules: both are problems of the
// model or its data that no retry fixes, so the job fails with no retries left and a person resolves the
// incident. Anything else (database down, SMTP composer failing) is thrown on and retried with back-off.
import { ZodError } from 'zod';
import { DomainError } from '../../domain/errors';
import type { Acknowledgement, FailOptions } from '../runtime/handler';
import { describeIssues } from '../runtime/job';

interface Failable {
  fail(message: string, options?: FailOptions): Acknowledgement;
}

export async function domainErrorsAsIncidents(
  job: Failable,
  fn: () => Promise<Acknowledgement>,
): Promise<Acknowledgement> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof DomainError)
      return job.fail(`${e.message}${e.field ? `（${e.field}）` : ''}`, { retries: 0 });
    if (e instanceof ZodError) return job.fail(`输入不符合要求：${describeIssues(e.issues)}`, { retries: 0 });
    throw e;
  }
}
