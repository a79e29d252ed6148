// Conformance with the older zeebe-node client (ZBClient), which many existing workers still use:
// it brings its own grpc-js and proto, deploys with the deprecated DeployProcess, and polls for jobs.
import { ZBClient } from 'zeebe-node';
import { definitions, flow, process, serviceTask } from './support/bpmn';
import { startTestEngine, type TestEngine } from './support/harness';

let t: TestEngine;
let zbc: ZBClient;
beforeEach(async () => {
  t = await startTestEngine();
  zbc = new ZBClient(t.server.grpcAddress, { loglevel: 'NONE', useTLS: false, pollInterval: 100 });
});
afterEach(async () => {
  await zbc.close();
  await t.close();
});

/** start → register (job) → wait for 'case-closed' by caseId → end. */
const caseProcess = definitions(
  process(
    'zn-case',
    [
      '<bpmn:startEvent id="start" />',
      serviceTask('register', 'zn-register'),
      '<bpmn:intermediateCatchEvent id="closed"><bpmn:messageEventDefinition messageRef="Message_closed" /></bpmn:intermediateCatchEvent>',
      '<bpmn:endEvent id="end" />',
      flow('f0', 'start', 'register'),
      flow('f1', 'register', 'closed'),
      flow('f2', 'closed', 'end'),
    ].join('\n'),
  ),
  '<bpmn:message id="Message_closed" name="case-closed"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId" /></bpmn:extensionElements></bpmn:message>',
);

describe('zeebe-node ZBClient', () => {
  it('deploys with DeployProcess, a ZBWorker completes the job, a published message correlates, and the instance completes', async () => {
    const deployed = await zbc.deployProcess({ definition: Buffer.from(caseProcess), name: 'zn-case.bpmn' });
    expect(deployed.processes).toEqual([
      expect.objectContaining({ bpmnProcessId: 'zn-case', version: 1, resourceName: 'zn-case.bpmn' }),
    ]);
    const seen: unknown[] = [];
    zbc.createWorker({
      taskType: 'zn-register',
      taskHandler: (job) => {
        seen.push(job.variables);
        return job.complete({ registeredBy: job.worker });
      },
      id: 'legacy-worker',
    });
    const { processInstanceKey } = await zbc.createProcessInstance({
      bpmnProcessId: 'zn-case',
      variables: { caseId: 'CASE-2026-017' },
    });
    await t.records.waitForEvent(
      'MESSAGE_SUBSCRIPTION',
      'CREATED',
      (v) => String(v.processInstanceKey) === processInstanceKey,
    );
    await zbc.publishMessage({
      name: 'case-closed',
      correlationKey: 'CASE-2026-017',
      variables: { outcome: '已销号' },
      timeToLive: 0,
    });
    await t.records.waitForInstanceEnd(processInstanceKey);

    expect(seen).toEqual([{ caseId: 'CASE-2026-017' }]);
    expect(t.records.variables(processInstanceKey)).toEqual({
      caseId: 'CASE-2026-017',
      registeredBy: 'legacy-worker',
      outcome: '已销号',
    });
    expect(t.records.lifecycle(processInstanceKey).filter((l) => l.endsWith('ELEMENT_COMPLETED'))).toEqual([
      'start:ELEMENT_COMPLETED',
      'register:ELEMENT_COMPLETED',
      'closed:ELEMENT_COMPLETED',
      'end:ELEMENT_COMPLETED',
      'zn-case:ELEMENT_COMPLETED',
    ]);
  });

  it('deploys with DeployResource and gets the result of CreateProcessInstanceWithResult', async () => {
    const simple = definitions(
      process(
        'zn-simple',
        [
          '<bpmn:startEvent id="start" />',
          serviceTask('double', 'zn-double'),
          '<bpmn:endEvent id="end" />',
          flow('f0', 'start', 'double'),
          flow('f1', 'double', 'end'),
        ].join('\n'),
      ),
    );
    await zbc.deployResource({ process: Buffer.from(simple), name: 'zn-simple.bpmn' });
    zbc.createWorker({
      taskType: 'zn-double',
      taskHandler: (job) => job.complete({ doubled: (job.variables as { n: number }).n * 2 }),
    });
    const result = await zbc.createProcessInstanceWithResult({
      bpmnProcessId: 'zn-simple',
      variables: { n: 21 },
    });
    expect(result.variables).toEqual({ n: 21, doubled: 42 });
    expect(BigInt(result.processInstanceKey) > 2n ** 51n).toBe(true);
  });

  it('sees one healthy broker leading one partition', async () => {
    const topology = await zbc.topology();
    expect(topology).toMatchObject({ clusterSize: 1, partitionsCount: 1, replicationFactor: 1 });
    expect(topology.brokers[0].partitions).toEqual([
      expect.objectContaining({ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }),
    ]);
  });
});
