// Bad input through the real gRPC port: every refused request gets the status code Zeebe uses and
// a message a person understands, nothing is written for it, and the engine keeps serving. The SDK
// guards some mistakes on the client side, so the wire-level cases go through a bare gRPC client
// loading the same proto (support/raw-grpc.ts).
import { randomBytes } from 'node:crypto';
import { chain, definitions, flow, process, serviceTask } from './support/bpmn';
import { Camunda8 } from '@camunda8/sdk';
import { noReadyDebounce, sdkConfig, startTestEngine, type TestEngine } from './support/harness';
import { rawGateway, statusName, type RawGateway } from './support/raw-grpc';

let t: TestEngine;
let raw: RawGateway;
let instanceKey: string;
let jobKey: string;

const simple = chain('bad-input', serviceTask('task', 'work'));

beforeAll(async () => {
  t = await startTestEngine();
  raw = rawGateway(t.server.grpcAddress);
  await t.deploy({ name: 'bad-input.bpmn', content: simple });
  instanceKey = (await t.zeebe.createProcessInstance({ bpmnProcessId: 'bad-input', variables: { a: 1 } }))
    .processInstanceKey;
  const [job] = await t.zeebe.activateJobs({
    type: 'work',
    worker: 'bad-input',
    maxJobsToActivate: 1,
    timeout: 600_000,
    requestTimeout: 2_000,
  });
  jobKey = job.key;
});
afterAll(async () => {
  raw.close();
  await t.close();
});

/** The engine keeps serving: an ordinary request right after the refused one succeeds. */
afterEach(async () => {
  await expect(
    t.zeebe.publishMessage({ name: 'still-serving', correlationKey: 'ping', variables: {}, timeToLive: 0 }),
  ).resolves.toHaveProperty('key');
});

const events = () => t.records.all.filter((r) => r.recordType === 'EVENT').length;

/** Runs a request that must be refused; returns its status name and message, and checks nothing was written. */
async function refused(request: () => Promise<unknown>): Promise<{ status: string; message: string }> {
  const before = events();
  let error: unknown;
  try {
    await request();
  } catch (e) {
    error = e;
  }
  if (error === undefined) throw new Error('expected the request to be refused, but it succeeded');
  await new Promise((resolve) => setImmediate(resolve));
  expect(events()).toBe(before);
  const e = error as { details?: string; message: string };
  return { status: statusName(error), message: e.details ?? e.message };
}

describe('variables that are not a JSON object', () => {
  const documents: [string, string, string][] = [
    [
      'an array',
      '[1, 2, 3]',
      "Property 'variables' is invalid: Expected document to be a root level object, but was 'ARRAY'",
    ],
    [
      'a string',
      '"申请人"',
      "Property 'variables' is invalid: Expected document to be a root level object, but was 'STRING'",
    ],
    [
      'a number',
      '42',
      "Property 'variables' is invalid: Expected document to be a root level object, but was 'NUMBER'",
    ],
    [
      'malformed JSON',
      '{"applicant": "张三", ',
      "Property 'variables' is invalid: Expected a JSON document, but it could not be parsed",
    ],
  ];
  const requests: [string, (variables: string) => Promise<unknown>][] = [
    [
      'CreateProcessInstance',
      (variables) => raw.unary('CreateProcessInstance', { bpmnProcessId: 'bad-input', variables }),
    ],
    [
      'PublishMessage',
      (variables) =>
        raw.unary('PublishMessage', {
          name: 'm',
          correlationKey: 'k',
          timeToLive: 60_000,
          messageId: 'x',
          variables,
        }),
    ],
    ['CompleteJob', (variables) => raw.unary('CompleteJob', { jobKey, variables })],
    [
      'SetVariables',
      (variables) => raw.unary('SetVariables', { elementInstanceKey: instanceKey, variables }),
    ],
    ['BroadcastSignal', (variables) => raw.unary('BroadcastSignal', { signalName: 's', variables })],
  ];
  const cases = requests.flatMap(([rpc, send]) =>
    documents.map(([what, text, message]) => [rpc, what, send, text, message] as const),
  );

  it.each(cases)('%s with %s as variables is INVALID_ARGUMENT', async (_rpc, _what, send, text, message) => {
    const r = await refused(() => send(text));
    expect(r.status).toBe('INVALID_ARGUMENT');
    expect(r.message).toContain(message);
  });

  it('reaches SDK users too: setVariables passes a string document through and gets the same answer', async () => {
    const r = await refused(() =>
      t.zeebe.setVariables({ elementInstanceKey: instanceKey, variables: '["a"]' as never, local: false }),
    );
    expect(r.status).toBe('INVALID_ARGUMENT');
    expect(r.message).toBe(
      "Property 'variables' is invalid: Expected document to be a root level object, but was 'ARRAY'",
    );
  });

  it('left the job, the instance and its variables as they were', async () => {
    await t.zeebe.completeJob({ jobKey, variables: { b: 2 } });
    await t.records.waitForInstanceEnd(instanceKey);
    expect(t.records.variables(instanceKey)).toEqual({ a: 1, b: 2 });
    expect(t.records.events('MESSAGE', 'PUBLISHED').filter((r) => r.value.name === 'm')).toHaveLength(0);
    expect(t.records.events('SIGNAL', 'BROADCASTED')).toHaveLength(0);
  });
});

describe('oversized payloads', () => {
  const big = () => JSON.stringify({ attachment: randomBytes(3_500_000).toString('base64') }); // ≈ 4.7 MB

  it('refuses a request above 4 MB with RESOURCE_EXHAUSTED', async () => {
    const r = await refused(() =>
      raw.unary('CreateProcessInstance', { bpmnProcessId: 'bad-input', variables: big() }),
    );
    expect(r.status).toBe('RESOURCE_EXHAUSTED');
    expect(r.message).toMatch(/larger than max \(\d+ vs\.? 4194304\)/);
  });

  it('refuses it from the SDK too, which compresses its requests with gzip', async () => {
    // The SDK retries RESOURCE_EXHAUSTED forever by default (back-pressure, as against Zeebe), so
    // this client is told not to retry.
    const zeebe = new Camunda8({
      ...sdkConfig(t.server.grpcAddress),
      zeebeGrpcSettings: { ...noReadyDebounce.zeebeGrpcSettings, ZEEBE_GRPC_CLIENT_RETRY: false },
    } as never).getZeebeGrpcApiClient();
    try {
      const r = await refused(() =>
        zeebe.publishMessage({
          name: 'big',
          correlationKey: 'k',
          variables: JSON.parse(big()) as { attachment: string },
          timeToLive: 0,
        }),
      );
      expect(r.status).toBe('RESOURCE_EXHAUSTED');
      expect(r.message).toBe('Received message that decompresses to a size larger than 4194304');
    } finally {
      await zeebe.close();
    }
  });
});

describe('ActivateJobs and StreamActivatedJobs parameters', () => {
  const valid = { type: 'work', worker: 'w', timeout: 1000, maxJobsToActivate: 1, requestTimeout: -1 };
  const cases: [string, Record<string, unknown>, string][] = [
    [
      'a blank job type',
      { type: '  ' },
      "Expected argument 'type' to be a non-empty string, but it was empty",
    ],
    [
      'a timeout below 1',
      { timeout: 0 },
      "Expected argument 'timeout' to be greater than zero, but it was '0'",
    ],
    [
      'maxJobsToActivate below 1',
      { maxJobsToActivate: 0 },
      "Expected argument 'maxJobsToActivate' to be greater than zero, but it was '0'",
    ],
    [
      'an unknown tenant',
      { tenantIds: ['district-court'] },
      "Expected to handle request with tenant identifier 'district-court', but multi-tenancy is disabled",
    ],
  ];

  it.each(cases)('ActivateJobs with %s is INVALID_ARGUMENT', async (_what, change, message) => {
    const r = await refused(() => raw.stream('ActivateJobs', { ...valid, ...change }));
    expect(r.status).toBe('INVALID_ARGUMENT');
    expect(r.message).toBe(message);
  });

  it('StreamActivatedJobs with a blank job type is INVALID_ARGUMENT', async () => {
    const r = await refused(() =>
      raw.stream('StreamActivatedJobs', { type: '', worker: 'w', timeout: 1000 }),
    );
    expect(r.status).toBe('INVALID_ARGUMENT');
    expect(r.message).toBe("Expected argument 'type' to be a non-empty string, but it was empty");
  });
});

describe('missing or misused arguments are INVALID_ARGUMENT', () => {
  const cases: [string, () => Promise<unknown>, string][] = [
    [
      'CreateProcessInstance without process id or key',
      () => raw.unary('CreateProcessInstance', { variables: '{}' }),
      'Expected either a bpmnProcessId or a processDefinitionKey, but neither was given',
    ],
    [
      'PublishMessage without a name',
      () => raw.unary('PublishMessage', { name: '', correlationKey: 'k' }),
      "Expected argument 'name' to be provided, but it was empty",
    ],
    [
      'BroadcastSignal without a signal name',
      () => raw.unary('BroadcastSignal', { signalName: '' }),
      "Expected argument 'signalName' to be provided, but it was empty",
    ],
    [
      'ThrowError without an error code',
      () => raw.unary('ThrowError', { jobKey, errorCode: '' }),
      "Expected argument 'errorCode' to be provided, but it was empty",
    ],
    [
      'UpdateJobTimeout with a timeout of zero',
      () => raw.unary('UpdateJobTimeout', { jobKey, timeout: 0 }),
      "Expected the timeout to be greater than zero, but it was '0'",
    ],
    [
      'CreateProcessInstance for a tenant while multi-tenancy is off',
      () => raw.unary('CreateProcessInstance', { bpmnProcessId: 'bad-input', tenantId: 'district-court' }),
      "Expected to handle request with tenant identifier 'district-court', but multi-tenancy is disabled",
    ],
    [
      'DeployResource for a tenant while multi-tenancy is off',
      () =>
        raw.unary('DeployResource', {
          resources: [{ name: 'x.bpmn', content: Buffer.from(simple) }],
          tenantId: 'district-court',
        }),
      "Expected to handle request with tenant identifier 'district-court', but multi-tenancy is disabled",
    ],
  ];

  it.each(cases)('%s', async (_what, request, message) => {
    const r = await refused(request);
    expect(r.status).toBe('INVALID_ARGUMENT');
    expect(r.message).toBe(message);
  });
});

describe('keys and ids that do not exist are NOT_FOUND', () => {
  const unknown = '2251799813999999';
  const cases: [string, () => Promise<unknown>, RegExp][] = [
    [
      'CreateProcessInstance by an unknown process id',
      () => t.zeebe.createProcessInstance({ bpmnProcessId: 'no-such-process', variables: {} }),
      /Command 'CREATE' rejected with code 'NOT_FOUND': Expected to find process definition with process ID 'no-such-process', but none found/,
    ],
    [
      'CreateProcessInstance by an unknown version',
      () => t.zeebe.createProcessInstance({ bpmnProcessId: 'bad-input', version: 7, variables: {} }),
      /Expected to find process definition with process ID 'bad-input' and version '7', but none found/,
    ],
    [
      'CreateProcessInstance by an unknown process definition key',
      () => raw.unary('CreateProcessInstance', { processDefinitionKey: unknown }),
      /Command 'CREATE' rejected with code 'NOT_FOUND': Expected to find process definition with key '2251799813999999', but none found/,
    ],
    [
      'CancelProcessInstance',
      () => t.zeebe.cancelProcessInstance(unknown),
      /Command 'CANCEL' rejected with code 'NOT_FOUND': Expected to cancel a process instance with key '2251799813999999', but no such process was found/,
    ],
    [
      'CompleteJob',
      () => t.zeebe.completeJob({ jobKey: unknown, variables: {} }),
      /Command 'COMPLETE' rejected with code 'NOT_FOUND': Expected to complete job with key '2251799813999999', but no such job was found/,
    ],
    [
      'FailJob',
      () => t.zeebe.failJob({ jobKey: unknown, retries: 1, errorMessage: 'x', retryBackOff: 0 }),
      /Command 'FAIL' rejected with code 'NOT_FOUND': Expected to fail job with key '2251799813999999', but no such job was found/,
    ],
    [
      'ThrowError',
      () => t.zeebe.throwError({ jobKey: unknown, errorCode: 'E', errorMessage: 'x' }),
      /Command 'THROW_ERROR' rejected with code 'NOT_FOUND'/,
    ],
    [
      'UpdateJobRetries',
      () => t.zeebe.updateJobRetries({ jobKey: unknown, retries: 3 }),
      /Command 'UPDATE_RETRIES' rejected with code 'NOT_FOUND'/,
    ],
    [
      'UpdateJobTimeout',
      () => t.zeebe.updateJobTimeout({ jobKey: unknown, timeout: 1000 }),
      /Command 'UPDATE_TIMEOUT' rejected with code 'NOT_FOUND'/,
    ],
    [
      'ResolveIncident',
      () => t.zeebe.resolveIncident({ incidentKey: unknown }),
      /Command 'RESOLVE' rejected with code 'NOT_FOUND': Expected to resolve incident with key '2251799813999999', but no such incident was found/,
    ],
    [
      'SetVariables on an unknown element instance',
      () => t.zeebe.setVariables({ elementInstanceKey: unknown, variables: { a: 1 }, local: false }),
      /Command 'UPDATE' rejected with code 'NOT_FOUND': Expected to update variables for element with key '2251799813999999', but no such element was found/,
    ],
  ];

  it.each(cases)('%s', async (_what, request, message) => {
    const r = await refused(request);
    expect(r.status).toBe('NOT_FOUND');
    expect(r.message).toMatch(message);
  });
});

describe('commands that do not fit the current state', () => {
  it('CompleteJob on a job that failed without retries is FAILED_PRECONDITION until retries are restored', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'bad-input',
      variables: {},
    });
    const [job] = await t.zeebe.activateJobs({
      type: 'work',
      worker: 'w',
      maxJobsToActivate: 1,
      timeout: 60_000,
      requestTimeout: 2_000,
    });
    expect(job.processInstanceKey).toBe(processInstanceKey);
    await t.zeebe.failJob({ jobKey: job.key, retries: 0, errorMessage: '档案系统不可用', retryBackOff: 0 });
    const incident = await t.records.waitForEvent('INCIDENT', 'CREATED', (v) => String(v.jobKey) === job.key);

    const r = await refused(() => t.zeebe.completeJob({ jobKey: job.key, variables: {} }));
    expect(r.status).toBe('FAILED_PRECONDITION');
    expect(r.message).toContain(
      `Command 'COMPLETE' rejected with code 'INVALID_STATE': Expected to complete job with key '${job.key}', but it has no retries left (an incident is open)`,
    );
    const resolve = await refused(() => t.zeebe.resolveIncident({ incidentKey: String(incident.key) }));
    expect(resolve.status).toBe('FAILED_PRECONDITION');
    expect(resolve.message).toContain(
      'has no retries left. Please update the job retries and retry resolving the incident.',
    );

    await t.zeebe.updateJobRetries({ jobKey: job.key, retries: 1 });
    await t.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    await t.zeebe.completeJob({ jobKey: job.key, variables: {} });
    await t.records.waitForInstanceEnd(processInstanceKey);
  });

  it('UpdateJobRetries with retries below 1 is INVALID_ARGUMENT', async () => {
    const r = await refused(() => t.zeebe.updateJobRetries({ jobKey, retries: 0 }));
    expect(r.status).toBe('INVALID_ARGUMENT');
    expect(r.message).toContain("Expected retries to be greater than zero, but it was '0'");
  });

  it('PublishMessage with the messageId of a message still buffered is ALREADY_EXISTS', async () => {
    const publish = () =>
      t.zeebe.publishMessage({
        name: 'weekly-report',
        correlationKey: '2026-W48',
        messageId: '2026-W48',
        timeToLive: 60_000,
        variables: {},
      });
    await publish();
    const r = await refused(publish);
    expect(r.status).toBe('ALREADY_EXISTS');
    expect(r.message).toContain(
      "Command 'PUBLISH' rejected with code 'ALREADY_EXISTS': Expected to publish a new message with id '2026-W48', but a message with that id was already published",
    );
  });

  it('CreateProcessInstance of a process without a none start event is FAILED_PRECONDITION', async () => {
    await t.deploy({
      name: 'message-only.bpmn',
      content: definitions(
        process(
          'message-only',
          [
            '<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="Message_1" /></bpmn:startEvent>',
            '<bpmn:endEvent id="end" />',
            flow('f0', 'start', 'end'),
          ].join('\n'),
        ),
        '<bpmn:message id="Message_1" name="case-registered" />',
      ),
    });
    const r = await refused(() =>
      t.zeebe.createProcessInstance({ bpmnProcessId: 'message-only', variables: {} }),
    );
    expect(r.status).toBe('FAILED_PRECONDITION');
    expect(r.message).toContain(
      'Expected to create instance of process with none start event, but there is no such event',
    );
  });
});

describe('back-pressure', () => {
  it('refuses commands beyond the queue with RESOURCE_EXHAUSTED and serves again once the queue drains', async () => {
    const small = await startTestEngine({ maxQueuedCommands: 4 });
    const client = rawGateway(small.server.grpcAddress);
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 200 }, (_, i) =>
          client.unary('PublishMessage', { name: 'flood', correlationKey: String(i), timeToLive: 60_000 }),
        ),
      );
      const refusedOnes = outcomes
        .filter((o) => o.status === 'rejected')
        .map((o) => o.reason as { details: string });
      const accepted = outcomes.filter((o) => o.status === 'fulfilled');
      expect(refusedOnes.length).toBeGreaterThan(0);
      expect(accepted.length).toBeGreaterThan(0);
      for (const e of refusedOnes) {
        expect(statusName(e)).toBe('RESOURCE_EXHAUSTED');
        expect(e.details).toBe(
          'Expected to handle the request, but the engine has 4 commands waiting (back-pressure); retry later',
        );
      }
      // Only what was accepted was written.
      expect(small.records.events('MESSAGE', 'PUBLISHED')).toHaveLength(accepted.length);
      await expect(
        small.zeebe.publishMessage({ name: 'after', correlationKey: 'k', variables: {}, timeToLive: 0 }),
      ).resolves.toHaveProperty('key');
    } finally {
      client.close();
      await small.close();
    }
  });
});
