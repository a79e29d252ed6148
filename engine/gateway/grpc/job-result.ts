// CompleteJobRequest as Zeebe 8.8's gateway.proto has it: field 3 `optional JobResult result` (a task
// listener's denial and corrections, or an ad-hoc subprocess job's elements to activate and completion flags). The proto @camunda8/sdk ships ends at field 2, so the engine serves
// the SDK's service but reads CompleteJob requests with the 8.8 message below, declared here as a
// protobuf JSON descriptor (a .proto file would not reach the built engine). A client on the SDK's proto
// never sends field 3 and is served as before.
import * as protoLoader from '@grpc/proto-loader';
import { GatewayError } from '../rejections';
import { jobResult, toJobResult } from '../rest/routes/job-result';
import type { JobResult } from '../../protocol/values';
import type { Req } from './command';

const optional = (type: string, id: number) => ({ type, id, options: { proto3_optional: true } });

/** 8.8's messages, by their field numbers (zeebe/gateway-protocol gateway.proto). */
const GATEWAY_8_8: Parameters<typeof protoLoader.fromJSON>[0] = {
  nested: {
    zhuanban_gateway_8_8: {
      nested: {
        CompleteJobRequest: {
          fields: {
            jobKey: { type: 'int64', id: 1 },
            variables: { type: 'string', id: 2 },
            result: optional('JobResult', 3),
          },
        },
        JobResult: {
          fields: {
            denied: optional('bool', 1),
            corrections: optional('JobResultCorrections', 2),
            deniedReason: optional('string', 3),
            type: optional('string', 4),
            activateElements: { rule: 'repeated', type: 'JobResultActivateElement', id: 5 },
            isCompletionConditionFulfilled: optional('bool', 6),
            isCancelRemainingInstances: optional('bool', 7),
          },
        },
        JobResultCorrections: {
          fields: {
            assignee: optional('string', 1),
            dueDate: optional('string', 2),
            followUpDate: optional('string', 3),
            candidateUsers: optional('StringList', 4),
            candidateGroups: optional('StringList', 5),
            priority: optional('int32', 6),
          },
        },
        JobResultActivateElement: {
          fields: { elementId: { type: 'string', id: 1 }, variables: { type: 'string', id: 2 } },
        },
        StringList: { fields: { values: { rule: 'repeated', type: 'string', id: 1 } } },
        CompleteJobResponse: { fields: {} },
        Gateway: {
          methods: {
            CompleteJob: {
              requestType: 'CompleteJobRequest',
              responseType: 'CompleteJobResponse',
              comment: '',
            },
          },
        },
      },
    },
  },
};

/** Reads a CompleteJob request with 8.8's `result` (the same options the gateway loads the SDK's proto with). */
export function completeJobRequest8_8(options: protoLoader.Options): (bytes: Buffer) => Req {
  const definition = protoLoader.fromJSON(GATEWAY_8_8, options);
  const service = definition['zhuanban_gateway_8_8.Gateway'] as protoLoader.ServiceDefinition;
  return service.CompleteJob.requestDeserialize as (bytes: Buffer) => Req;
}

type Corrections = Record<string, unknown> & {
  candidateUsers?: { values: string[] } | null;
  candidateGroups?: { values: string[] } | null;
};

/**
 * The engine's job result from the request's `result` (absent → none): the REST API's checks and
 * conversion, so a gRPC client gets what a REST client gets. An absent optional field keeps the attribute,
 * `""` or an empty list clears it.
 */
export function grpcJobResult(raw: unknown): JobResult | undefined {
  if (raw === null || raw === undefined) return undefined;
  const r = raw as Record<string, unknown> & { corrections?: Corrections | null };
  const type = r.type === null || r.type === undefined || r.type === '' ? undefined : String(r.type);
  // 8.8's proto comment spells it 'adHocSubprocess', its REST API 'adHocSubProcess': both are taken.
  const adHoc = type === 'adHocSubprocess' || type === 'adHocSubProcess';
  if (type !== undefined && type !== 'userTask' && !adHoc) {
    throw new GatewayError(
      'INVALID_ARGUMENT',
      `Expected the job result's type to be 'userTask' or 'adHocSubprocess', but found '${type}'`,
    );
  }
  const c = r.corrections;
  const parsed = jobResult.safeParse(
    adHoc
      ? {
          type: 'adHocSubProcess',
          activateElements: activateElements(r.activateElements),
          isCompletionConditionFulfilled: r.isCompletionConditionFulfilled === true,
          isCancelRemainingInstances: r.isCancelRemainingInstances === true,
        }
      : {
          denied: r.denied,
          deniedReason: r.deniedReason,
          corrections: c && {
            assignee: c.assignee,
            dueDate: c.dueDate,
            followUpDate: c.followUpDate,
            candidateUsers: c.candidateUsers ? c.candidateUsers.values : null,
            candidateGroups: c.candidateGroups ? c.candidateGroups.values : null,
            priority: c.priority,
          },
        },
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    throw new GatewayError(
      'INVALID_ARGUMENT',
      `Expected a valid job result, but 'result${at}' is invalid: ${issue.message}`,
    );
  }
  return toJobResult(parsed.data);
}

/** gRPC carries each element's variables as a JSON document; one that does not parse is refused as invalid. */
function activateElements(raw: unknown) {
  return ((raw ?? []) as { elementId?: string; variables?: string }[]).map((e) => {
    let variables: unknown = {};
    if (e.variables) {
      try {
        variables = JSON.parse(e.variables);
      } catch {
        variables = e.variables; // text, not a document: the schema refuses it
      }
    }
    return { elementId: e.elementId ?? '', variables };
  });
}
