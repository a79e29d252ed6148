// How a refused command reads on the wire: Zeebe's message text and the status codes its gRPC
// and REST gateways use (ZEEBE-SEMANTICS §13).
import { status } from '@grpc/grpc-js';
import type { RejectionType } from '../protocol/record';

export class GatewayError extends Error {
  constructor(
    readonly rejectionType: RejectionType,
    message: string,
  ) {
    super(message);
  }
}

export function rejectionMessage(intent: string, type: RejectionType, reason: string): string {
  if (type === 'RESOURCE_EXHAUSTED') return reason;
  return `Command '${intent}' rejected with code '${type}': ${reason}`;
}

export function grpcStatus(type: RejectionType): status {
  switch (type) {
    case 'INVALID_ARGUMENT':
      return status.INVALID_ARGUMENT;
    case 'NOT_FOUND':
      return status.NOT_FOUND;
    case 'ALREADY_EXISTS':
      return status.ALREADY_EXISTS;
    case 'INVALID_STATE':
      return status.FAILED_PRECONDITION;
    case 'PROCESSING_ERROR':
      return status.INTERNAL;
    case 'RESOURCE_EXHAUSTED':
    case 'EXCEEDED_BATCH_RECORD_SIZE':
      return status.RESOURCE_EXHAUSTED;
    case 'UNAUTHORIZED':
    case 'FORBIDDEN':
      return status.PERMISSION_DENIED;
    default:
      return status.UNKNOWN;
  }
}

export function httpStatus(type: RejectionType): number {
  switch (type) {
    case 'INVALID_ARGUMENT':
      return 400;
    case 'NOT_FOUND':
      return 404;
    case 'ALREADY_EXISTS':
    case 'INVALID_STATE':
      return 409;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'RESOURCE_EXHAUSTED':
    case 'EXCEEDED_BATCH_RECORD_SIZE':
      return 503;
    default:
      return 500;
  }
}
