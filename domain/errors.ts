// Errors a use case raises on purpose, each with a zh-CN message a person can act on; the web layer maps
// them to problem+json statuses, workers to BPMN errors or job failures. Anything else is a bug.

export class DomainError extends Error {
  constructor(
    readonly kind: 'not-found' | 'conflict' | 'invalid' | 'forbidden',
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not-found', `${what}不存在`);
export const conflict = (message: string, field?: string) => new DomainError('conflict', message, field);
export const invalid = (message: string, field?: string) => new DomainError('invalid', message, field);
