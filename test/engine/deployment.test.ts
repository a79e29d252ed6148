// Conformance: deployments through the real gRPC port with @camunda8/sdk — files as Camunda
// Modeler saves them (with and without diagram interchange), several processes per file and
// several files per deployment, forms linked by formId, Zeebe's versioning, and resources that
// cannot be deployed (unknown kinds, broken forms) rejected whole. DMN: decision-deployment.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chain, definitions, flow, process, serviceTask } from './support/bpmn';
import { startTestEngine, type TestEngine } from './support/harness';
import { rawGateway } from './support/raw-grpc';
import type { Resource } from '@camunda8/sdk/dist/zeebe/lib/deployResource';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const resource = (name: string, content = fixture(name)): Resource =>
  name.endsWith('.form')
    ? { form: Buffer.from(content), name }
    : name.endsWith('.dmn')
      ? { decision: Buffer.from(content), name }
      : { process: Buffer.from(content), name };

interface ProcessMeta {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
  resourceName: string;
  tenantId: string;
}
interface FormMeta {
  formId: string;
  version: number;
  formKey: string;
  resourceName: string;
}
type Deployed = { key: string; deployments: unknown[] };
const processes = (d: Deployed) =>
  d.deployments.flatMap((x) => ('process' in (x as object) ? [(x as { process: ProcessMeta }).process] : []));
const forms = (d: Deployed) =>
  d.deployments.flatMap((x) => ('form' in (x as object) ? [(x as { form: FormMeta }).form] : []));
const only = (d: Deployed) => {
  expect(processes(d)).toHaveLength(1);
  return processes(d)[0];
};

let t: TestEngine;
const deploy = (r: Resource) => t.zeebe.deployResources([r]);
beforeEach(async () => {
  t = await startTestEngine();
});
afterEach(async () => {
  await t.close();
});

describe('files as Camunda Modeler saves them', () => {
  it('deploys a process with diagram interchange together with the form its user task links by formId', async () => {
    const d = await t.zeebe.deployResources([
      resource('petition-reply.bpmn'),
      resource('petition-reply.form'),
    ]);
    expect(BigInt(d.key) > 2n ** 51n).toBe(true);
    expect(processes(d)).toEqual([
      {
        bpmnProcessId: 'petition-reply',
        version: 1,
        processDefinitionKey: expect.stringMatching(/^\d+$/),
        resourceName: 'petition-reply.bpmn',
        tenantId: '<default>',
      },
    ]);
    const [form] = forms(d);
    expect(form).toMatchObject({
      formId: 'petition-reply-form',
      version: 1,
      resourceName: 'petition-reply.form',
    });
    expect(BigInt(form.formKey) > 2n ** 51n).toBe(true);

    // The model runs: the worker registers a difficult petition, and the public-reply user task
    // carries the key of the form deployed with it.
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'petition-reply',
      variables: { petition: { title: '某企业反映账款拖欠' } },
    });
    const [job] = await t.zeebe.activateJobs({
      type: 'petition-register',
      worker: 'test',
      maxJobsToActivate: 1,
      timeout: 30_000,
      requestTimeout: 2_000,
    });
    expect(job.variables).toMatchObject({ title: '某企业反映账款拖欠' });
    expect(job.customHeaders).toEqual({ unit: '政法委办公室' });
    expect(job.retries).toBe(5);
    await t.zeebe.completeJob({ jobKey: job.key, variables: { difficult: true } });
    const task = await t.records.waitForEvent(
      'USER_TASK',
      'CREATED',
      (v) => v.elementId === 'Activity_public_reply',
    );
    expect(String((task.value as { formKey: number }).formKey)).toBe(form.formKey);
    expect(String((task.value as { processInstanceKey: number }).processInstanceKey)).toBe(
      processInstanceKey,
    );
  });

  it('deploys a file without diagram interchange and runs it', async () => {
    const d = await deploy(resource('ledger-close-no-diagram.bpmn'));
    expect(only(d)).toMatchObject({ bpmnProcessId: 'ledger-close', version: 1 });
    const worker = t.zeebe.createWorker({
      taskType: 'ledger-verify',
      pollInterval: 100,
      taskHandler: (job) => job.complete({ verified: true }),
    });
    try {
      const result = await t.zeebe.createProcessInstanceWithResult({
        bpmnProcessId: 'ledger-close',
        variables: {},
      });
      expect(result.variables).toEqual({ verified: true });
    } finally {
      await worker.close();
    }
  });

  it('deploys every executable process of a collaboration and leaves the non-executable pool out', async () => {
    const d = await deploy(resource('weekly-report.bpmn'));
    expect(processes(d).map((p) => [p.bpmnProcessId, p.version, p.resourceName])).toEqual([
      ['weekly-report', 1, 'weekly-report.bpmn'],
      ['weekly-report-unit', 1, 'weekly-report.bpmn'],
    ]);
    const keys = processes(d).map((p) => p.processDefinitionKey);
    expect(new Set(keys).size).toBe(2);
    // The timer start event is scheduled and the message start event subscribed at deployment.
    expect(t.records.events('TIMER', 'CREATED').map((r) => r.value.targetElementId)).toEqual([
      'StartEvent_friday',
    ]);
    expect(
      t.records.events('MESSAGE_START_EVENT_SUBSCRIPTION', 'CREATED').map((r) => r.value.messageName),
    ).toEqual(['weekly-report-requested']);
    await expect(
      t.zeebe.createProcessInstance({ bpmnProcessId: 'Process_district', variables: {} }),
    ).rejects.toThrow(/NOT_FOUND/);
  });

  it('evaluates FEEL timer start expressions at deployment and schedules their timers', async () => {
    const timerStart = (id: string, kind: string, expression: string) =>
      definitions(
        process(
          id,
          [
            `<bpmn:startEvent id="start"><bpmn:timerEventDefinition><bpmn:${kind}>${expression}</bpmn:${kind}></bpmn:timerEventDefinition></bpmn:startEvent>`,
            '<bpmn:endEvent id="end" />',
            flow('f0', 'start', 'end'),
          ].join('\n'),
        ),
      );
    await t.pinClock(Date.parse('2026-11-27T08:00:00+08:00'));
    await deploy(
      resource('dated.bpmn', timerStart('dated', 'timeDate', '=date and time("2026-12-01T09:00:00+08:00")')),
    );
    await deploy(resource('hourly.bpmn', timerStart('hourly', 'timeCycle', '="R3/PT" + string(1) + "H"')));
    const timers = t.records.events('TIMER', 'CREATED').map((r) => [r.value.dueDate, r.value.repetitions]);
    expect(timers).toEqual([
      [Date.parse('2026-12-01T09:00:00+08:00'), 1],
      [Date.parse('2026-11-27T09:00:00+08:00'), 3],
    ]);
    // A new version whose timer needs variables is refused, and the current version's timer stays.
    await expect(
      deploy(resource('hourly.bpmn', timerStart('hourly', 'timeCycle', '=schedule'))),
    ).rejects.toThrow(
      /- Element: start\n\s+- ERROR: Expected the timer of the start event to be evaluated at deployment, without variables, but it failed: .*No variable found with name 'schedule'/s,
    );
    expect(t.records.events('TIMER', 'CANCELED')).toHaveLength(0);
    expect(t.server.engine.state.timers.size).toBe(2);
  });

  it('deploys several files as one deployment under one key', async () => {
    const d = await t.zeebe.deployResources([
      resource('petition-reply.bpmn'),
      resource('weekly-report.bpmn'),
      resource('ledger-close-no-diagram.bpmn'),
      resource('petition-reply.form'),
    ]);
    expect(processes(d).map((p) => p.bpmnProcessId)).toEqual([
      'petition-reply',
      'weekly-report',
      'weekly-report-unit',
      'ledger-close',
    ]);
    expect(forms(d).map((f) => f.formId)).toEqual(['petition-reply-form']);
    const created = t.records.events('DEPLOYMENT', 'CREATED');
    expect(created).toHaveLength(1);
    expect(String(created[0].key)).toBe(d.key);
  });

  it('accepts the deprecated DeployProcess and answers with the process metadata', async () => {
    const raw = rawGateway(t.server.grpcAddress);
    try {
      const res = await raw.unary<{ key: string; processes: ProcessMeta[] }>('DeployProcess', {
        processes: [
          { name: 'ledger-close.bpmn', definition: Buffer.from(fixture('ledger-close-no-diagram.bpmn')) },
        ],
      });
      expect(res.processes).toEqual([
        expect.objectContaining({
          bpmnProcessId: 'ledger-close',
          version: 1,
          resourceName: 'ledger-close.bpmn',
        }),
      ]);
      expect(BigInt(res.key) > 2n ** 51n).toBe(true);
    } finally {
      raw.close();
    }
    await expect(
      t.zeebe.createProcessInstance({ bpmnProcessId: 'ledger-close', variables: {} }),
    ).resolves.toHaveProperty('processInstanceKey');
  });
});

describe('versioning', () => {
  const v1 = chain('versioned', serviceTask('task', 'work'));
  const v2 = chain('versioned', serviceTask('task', 'work-changed'));

  it('returns the same key and version for unchanged content, without writing a new process', async () => {
    const first = only(await deploy(resource('versioned.bpmn', v1)));
    const again = only(await deploy(resource('versioned.bpmn', v1)));
    expect(again).toEqual(first);
    expect(t.records.events('PROCESS', 'CREATED')).toHaveLength(1);
  });

  it('gives changed content the next version and a new key', async () => {
    const first = only(await deploy(resource('versioned.bpmn', v1)));
    const changed = only(await deploy(resource('versioned.bpmn', v2)));
    expect(changed.version).toBe(2);
    expect(changed.processDefinitionKey).not.toBe(first.processDefinitionKey);
    // New instances start the latest version; the older one stays startable by version.
    const latest = await t.zeebe.createProcessInstance({ bpmnProcessId: 'versioned', variables: {} });
    expect(latest.version).toBe(2);
    const old = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'versioned',
      version: 1,
      variables: {},
    });
    expect(old.processDefinitionKey).toBe(first.processDefinitionKey);
  });

  it('re-versions the unchanged resources of a deployment in which something changed', async () => {
    const ledger = resource('ledger-close-no-diagram.bpmn');
    const first = await t.zeebe.deployResources([resource('versioned.bpmn', v1), ledger]);
    const second = await t.zeebe.deployResources([resource('versioned.bpmn', v2), ledger]);
    const byId = (d: Deployed) => Object.fromEntries(processes(d).map((p) => [p.bpmnProcessId, p]));
    expect(byId(second).versioned.version).toBe(2);
    expect(byId(second)['ledger-close'].version).toBe(2);
    expect(byId(second)['ledger-close'].processDefinitionKey).not.toBe(
      byId(first)['ledger-close'].processDefinitionKey,
    );
  });

  it('gives content equal to an older, non-latest version a new version', async () => {
    const first = only(await deploy(resource('versioned.bpmn', v1)));
    await deploy(resource('versioned.bpmn', v2));
    const back = only(await deploy(resource('versioned.bpmn', v1)));
    expect(back.version).toBe(3);
    expect(back.processDefinitionKey).not.toBe(first.processDefinitionKey);
  });

  it('gives the same content under another resource name a new version', async () => {
    only(await deploy(resource('versioned.bpmn', v1)));
    const renamed = only(await deploy(resource('renamed.bpmn', v1)));
    expect(renamed).toMatchObject({ version: 2, resourceName: 'renamed.bpmn' });
  });

  it('versions forms the same way: unchanged keeps the form key, changed gets the next version', async () => {
    const form = fixture('petition-reply.form');
    const first = forms(await deploy(resource('petition-reply.form', form)))[0];
    const again = forms(await deploy(resource('petition-reply.form', form)))[0];
    expect(again).toEqual(first);
    const changed = forms(
      await deploy(resource('petition-reply.form', form.replace('答复意见', '答复意见（必填）'))),
    )[0];
    expect(changed).toMatchObject({ formId: 'petition-reply-form', version: 2 });
    expect(changed.formKey).not.toBe(first.formKey);
  });
});

describe('resources that cannot be deployed', () => {
  it('rejects a file of an unknown kind by its name', async () => {
    await expect(deploy(resource('notes.txt', 'hello'))).rejects.toThrow(
      /INVALID_ARGUMENT.*'notes\.txt': unsupported resource type; expected a \.bpmn, \.form \(or \.dmn\) file/s,
    );
  });

  it('rejects a form that is not JSON or has no id', async () => {
    await expect(deploy(resource('broken.form', '{ "components": ['))).rejects.toThrow(
      /INVALID_ARGUMENT.*'broken\.form': the form is not valid JSON/s,
    );
    await expect(deploy(resource('anonymous.form', '{ "components": [] }'))).rejects.toThrow(
      /'anonymous\.form': the form must have a non-empty string 'id'/,
    );
  });

  it('rejects a deployment without resources', async () => {
    await expect(t.zeebe.deployResources([])).rejects.toThrow(
      /INVALID_ARGUMENT.*Expected to deploy at least one resource, but none given/,
    );
  });
});
