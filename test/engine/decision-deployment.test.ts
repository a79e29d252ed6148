// Conformance: deploying DMN through the real gRPC and REST ports with @camunda8/sdk — a decision
// requirements graph as Camunda Modeler saves it, its records as Zeebe writes them, versioning
// per decision id (the same file again is no new version), atomic rejection of a bad table with
// the element ids named, and the deployed decisions still there after a restart.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Resource } from '@camunda8/sdk/dist/zeebe/lib/deployResource';
import { chain, serviceTask } from './support/bpmn';
import { dmn, literal, table } from './support/dmn';
import { Camunda8 } from '@camunda8/sdk';
import { engineForEachTest, noReadyDebounce, sdkConfig, startTestEngine } from './support/harness';
import { startEngineProcess } from './support/engine-process';
import { startRestEngine } from './rest/support/rest-harness';

const priorityDmn = readFileSync(join(__dirname, 'fixtures', 'rectification-priority.dmn'), 'utf8');
const decision = (name: string, content: string): Resource => ({ decision: Buffer.from(content), name });
type Deployed = { key: string; deployments: Record<string, Record<string, unknown>>[] };
const parts = (d: Deployed, kind: string) => d.deployments.filter((x) => kind in x).map((x) => x[kind]);

const t = engineForEachTest();

describe('deploying a decision requirements graph', () => {
  it('answers with the graph and its decisions and writes DECISION_REQUIREMENTS then DECISION records', async () => {
    const d = (await t.zeebe.deployResources([
      decision('rectification-priority.dmn', priorityDmn),
    ])) as Deployed;
    const [drg] = parts(d, 'decisionRequirements');
    expect(drg).toEqual({
      dmnDecisionRequirementsId: 'rectification-priority',
      dmnDecisionRequirementsName: '整改优先级',
      version: 1,
      decisionRequirementsKey: expect.stringMatching(/^\d+$/),
      resourceName: 'rectification-priority.dmn',
      tenantId: '<default>',
    });
    const decisions = parts(d, 'decision');
    expect(decisions.map((x) => [x.dmnDecisionId, x.dmnDecisionName, x.version])).toEqual([
      ['overdue', '是否逾期', 1],
      ['priority', '整改优先级', 1],
    ]);
    for (const x of decisions) {
      expect(x.dmnDecisionRequirementsId).toBe('rectification-priority');
      expect(x.decisionRequirementsKey).toBe(drg.decisionRequirementsKey);
    }
    const written = t.records.all
      .filter((r) => r.recordType === 'EVENT' && r.valueType !== 'DEPLOYMENT')
      .map((r) => [r.valueType, r.intent, r.key]);
    expect(written).toEqual([
      ['DECISION_REQUIREMENTS', 'CREATED', Number(drg.decisionRequirementsKey)],
      ['DECISION', 'CREATED', Number(decisions[0].decisionKey)],
      ['DECISION', 'CREATED', Number(decisions[1].decisionKey)],
    ]);
    const [drgRecord] = t.records.events('DECISION_REQUIREMENTS', 'CREATED');
    expect(drgRecord.value).toMatchObject({
      namespace: 'http://camunda.org/schema/1.0/dmn',
      resource: priorityDmn,
    });
    const [deployment] = t.records.events('DEPLOYMENT', 'CREATED');
    expect(deployment.value.decisionsMetadata.map((x) => x.decisionId)).toEqual(['overdue', 'priority']);
    expect(deployment.value.decisionRequirementsMetadata[0].decisionRequirementsId).toBe(
      'rectification-priority',
    );
  });

  it('keeps keys and versions for the same file and versions every decision of a changed one', async () => {
    const first = (await t.zeebe.deployResources([decision('p.dmn', priorityDmn)])) as Deployed;
    const again = (await t.zeebe.deployResources([decision('p.dmn', priorityDmn)])) as Deployed;
    expect(parts(again, 'decision')).toEqual(parts(first, 'decision'));
    expect(parts(again, 'decisionRequirements')).toEqual(parts(first, 'decisionRequirements'));
    expect(t.records.events('DECISION', 'CREATED')).toHaveLength(2);

    const changed = (await t.zeebe.deployResources([
      decision('p.dmn', priorityDmn.replace('daysOpen &gt; 30', 'daysOpen &gt; 15')),
    ])) as Deployed;
    expect(parts(changed, 'decision').map((x) => [x.dmnDecisionId, x.version])).toEqual([
      ['overdue', 2],
      ['priority', 2],
    ]);
    expect(parts(changed, 'decisionRequirements')[0].version).toBe(2);
    expect(parts(changed, 'decision')[0].decisionKey).not.toBe(parts(first, 'decision')[0].decisionKey);
  });

  it('rejects a bad table with every problem named by element id, and deploys nothing of the deployment', async () => {
    const bad = dmn(
      'broken',
      table({
        id: 'fee',
        hitPolicy: 'SOMETIMES',
        inputs: ['amount'],
        outputs: [{ name: 'fee' }],
        rules: [
          ['>5 <', '1'],
          ['< 5', '2 +'],
          ['some x in [1, 2] satisfies x > ?', '3'],
        ],
        requires: ['missing'],
      }),
    );
    const attempt = t.zeebe.deployResources([
      { process: Buffer.from(chain('fine-process', serviceTask('t', 'work'))), name: 'fine.bpmn' },
      decision('fine.dmn', dmn('fine', literal('ok', '1 + 1'))),
      decision('broken.dmn', bad),
    ]);
    const error = await attempt.catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const text = (error as Error).message;
    expect(text).toMatch(/INVALID_ARGUMENT/);
    expect(text).toMatch(/'broken\.dmn':/);
    expect(text).toMatch(
      /Element: fee_table\n\s+- ERROR: Expected a hit policy of UNIQUE, FIRST.*but found 'SOMETIMES'/,
    );
    expect(text).toMatch(
      /Element: fee_r0_i0\n\s+- ERROR: failed to parse input entry 1 of rule 1 '>5 <' as FEEL unary tests/,
    );
    expect(text).toMatch(/Element: fee_r1_o0\n\s+- ERROR: failed to parse output entry 1 of rule 2 '2 \+'/);
    expect(text).toMatch(
      /Element: fee\n\s+- ERROR: Expected the required decision 'missing' to be in the same decision requirements graph/,
    );
    expect(text).toMatch(/Element: fee_r2_i0\n\s+- ERROR: input entry 1 of rule 3 .* can loop/);
    expect(t.records.all.filter((r) => r.recordType === 'EVENT')).toEqual([]);
    // the good parts of the rejected deployment get version 1 when deployed alone
    const alone = (await t.zeebe.deployResources([
      decision('fine.dmn', dmn('fine', literal('ok', '1 + 1'))),
    ])) as Deployed;
    expect(parts(alone, 'decision')[0].version).toBe(1);
  });

  it('rejects a cycle of required decisions and a decision id used by two files of one deployment', async () => {
    const cycle = dmn('cycle', literal('a', 'b + 1', ['b']), literal('b', 'a + 1', ['a']));
    await expect(t.zeebe.deployResources([decision('cycle.dmn', cycle)])).rejects.toThrow(
      /Expected the decision requirements to be acyclic, but found the cycle a → b → a/,
    );
    await expect(
      t.zeebe.deployResources([
        decision('one.dmn', dmn('one', literal('shared', '1'))),
        decision('two.dmn', dmn('two', literal('shared', '2'))),
      ]),
    ).rejects.toThrow(/duplicated id 'shared' in the resources 'one\.dmn' and 'two\.dmn'/);
    await expect(t.zeebe.deployResources([decision('junk.dmn', '<definitions')])).rejects.toThrow(
      /'junk\.dmn': the DMN file is not readable XML/,
    );
  });
});

describe('over REST and across a restart', () => {
  it('answers POST /v2/deployments with decisionDefinition and decisionRequirements entries', async () => {
    const r = await startRestEngine();
    try {
      const res = await r.http('POST', '/v2/deployments', undefined, {});
      expect(res.status).toBe(400);
      const form = new FormData();
      form.append('resources', new Blob([priorityDmn]), 'rectification-priority.dmn');
      const answer = await fetch(`${r.address}/v2/deployments`, { method: 'POST', body: form });
      expect(answer.status).toBe(200);
      const body = (await answer.json()) as { deployments: Record<string, Record<string, unknown>>[] };
      const definitions = body.deployments.flatMap((x) =>
        x.decisionDefinition ? [x.decisionDefinition] : [],
      );
      expect(definitions).toEqual([
        expect.objectContaining({ decisionDefinitionId: 'overdue', name: '是否逾期', version: 1 }),
        expect.objectContaining({ decisionDefinitionId: 'priority', name: '整改优先级', version: 1 }),
      ]);
      expect(definitions[0].decisionDefinitionKey).toMatch(/^\d+$/);
      const requirements = body.deployments.flatMap((x) =>
        x.decisionRequirements ? [x.decisionRequirements] : [],
      );
      expect(requirements).toEqual([
        expect.objectContaining({
          decisionRequirementsId: 'rectification-priority',
          decisionRequirementsName: '整改优先级',
          version: 1,
          resourceName: 'rectification-priority.dmn',
        }),
      ]);
    } finally {
      await r.close();
    }
  });

  it('still knows the deployed decisions after a restart: the same file again is no new version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhuanban-dmn-'));
    try {
      const before = await startTestEngine({ dataDir: dir });
      const first = (await before.zeebe.deployResources([decision('p.dmn', priorityDmn)])) as Deployed;
      await before.close();
      const after = await startTestEngine({ dataDir: dir });
      try {
        const again = (await after.zeebe.deployResources([decision('p.dmn', priorityDmn)])) as Deployed;
        expect(parts(again, 'decision')).toEqual(parts(first, 'decision'));
        expect(after.records.events('DECISION', 'CREATED')).toHaveLength(0);
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('replays the decisions from the journal after a SIGKILL (no final snapshot): they still evaluate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhuanban-dmn-kill-'));
    const client = (address: string) =>
      new Camunda8({
        ...sdkConfig(address),
        zeebeGrpcSettings: {
          ...noReadyDebounce.zeebeGrpcSettings,
          ZEEBE_GRPC_CLIENT_RETRY: false,
          ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
        },
      } as never).getZeebeGrpcApiClient();
    try {
      const first = await startEngineProcess(dir, ['--rest-port', 'off']);
      const before = client(first.address);
      const deployed = (await before.deployResources([decision('p.dmn', priorityDmn)])) as Deployed;
      await before.close();
      await first.kill('SIGKILL');
      const second = await startEngineProcess(dir, ['--rest-port', 'off']);
      const after = client(second.address);
      try {
        const again = (await after.deployResources([decision('p.dmn', priorityDmn)])) as Deployed;
        expect(parts(again, 'decision')).toEqual(parts(deployed, 'decision'));
        const r = await after.evaluateDecision({
          decisionId: 'priority',
          variables: { category: '安全生产', daysOpen: 1 },
        });
        expect(r.decisionOutput).toBe('"高"');
      } finally {
        await after.close();
        await second.kill('SIGTERM');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
