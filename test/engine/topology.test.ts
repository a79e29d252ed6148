// Conformance: the cluster the SDK sees (one broker leading one healthy partition, gateway 8.8.x,
// so clients pick their 8.8 code paths) and Zeebe-shaped keys (partition 1 in the top bits).
import { chain, serviceTask } from './support/bpmn';
import { engineForEachTest } from './support/harness';

const t = engineForEachTest();

describe('Topology', () => {
  it('is one healthy broker leading one partition, at the address the client used, with gateway version 8.8.x', async () => {
    const topology = await t.zeebe.topology();
    expect(topology).toMatchObject({ clusterSize: 1, partitionsCount: 1, replicationFactor: 1 });
    expect(topology.gatewayVersion).toMatch(/^8\.8\.\d+$/);
    expect(topology.brokers).toEqual([
      expect.objectContaining({
        nodeId: 0,
        host: t.server.host,
        port: t.server.grpcPort,
        version: topology.gatewayVersion,
        partitions: [expect.objectContaining({ partitionId: 1, role: 'LEADER', health: 'HEALTHY' })],
      }),
    ]);
  });
});

describe('keys', () => {
  it('are int64 of partition 1 (above 2^51), decimal strings on the wire, unique and increasing', async () => {
    const deployment = await t.zeebe.deployResource({
      process: Buffer.from(chain('keys', serviceTask('task', 'work'))),
      name: 'keys.bpmn',
    });
    const definitionKey = (deployment.deployments[0] as { process: { processDefinitionKey: string } }).process
      .processDefinitionKey;
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'keys',
      variables: {},
    });
    const [job] = await t.zeebe.activateJobs({
      type: 'work',
      worker: 'w',
      maxJobsToActivate: 1,
      timeout: 60_000,
      requestTimeout: 2_000,
    });
    const message = await t.zeebe.publishMessage({
      name: 'm',
      correlationKey: 'k',
      variables: {},
      timeToLive: 0,
    });
    const keys = [
      deployment.key,
      definitionKey,
      processInstanceKey,
      job.elementInstanceKey,
      job.key,
      message.key,
    ];
    for (const key of keys) {
      expect(key).toMatch(/^\d+$/);
      expect(BigInt(key) >> 51n).toBe(1n);
    }
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))).toEqual(keys);
  });
});
