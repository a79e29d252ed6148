// Ad-hoc subprocess models and helpers for the job worker and REST activation tests: the process
// start → `agent` (ad-hoc, holding the service tasks A → A2, B and C, each of job type = its id) → end, run
// by the engine or by a job worker of type `agent`; its jobs and the inner tasks' jobs driven over gRPC; the
// engine's records read by element and intent.
import { definitions, element, escape, flow, process, serviceTask } from '../../support/bpmn';
import { records, t } from './listener-engine';
import type { EngineRecord } from '../../../../engine/protocol/record';

export interface AdHocModel {
  /** The job type of the worker that runs the subprocess; none: the engine runs it. */
  jobType?: string;
  collection?: string;
  cancelRemaining?: boolean;
  output?: [string, string];
  /** Extension elements of the subprocess besides zeebe:adHoc and the task definition. */
  ext?: string;
  /** Extra flow elements of the process (boundary events on `agent`, their targets). */
  around?: string[];
  /** Extra elements inside the subprocess (an event subprocess). */
  inside?: string[];
  /** Root elements besides the process (signals, messages). */
  roots?: string;
}

export function adHocModel(o: AdHocModel = {}): string {
  const attrs: Record<string, string> = {};
  if (o.cancelRemaining !== undefined) attrs.cancelRemainingInstances = String(o.cancelRemaining);
  const adHoc = [
    o.collection ? `activeElementsCollection="${escape(o.collection)}"` : '',
    o.output ? `outputCollection="${o.output[0]}" outputElement="${o.output[1]}"` : '',
  ].join(' ');
  const ext = [
    o.jobType ? `<zeebe:taskDefinition type="${o.jobType}" />` : '',
    `<zeebe:adHoc ${adHoc} />`,
    o.ext ?? '',
  ].join('');
  const inner = [
    serviceTask('A', 'A'),
    serviceTask('A2', 'A2'),
    flow('a', 'A', 'A2'),
    element('serviceTask', 'B', {
      attrs: { name: '核查材料' },
      ext: '<zeebe:taskDefinition type="B" />',
      body: '<bpmn:documentation>核查企业提交的材料</bpmn:documentation>',
    }),
    serviceTask('C', 'C'),
    ...(o.inside ?? []),
  ];
  return definitions(
    process(
      'p',
      [
        '<bpmn:startEvent id="start" />',
        element('adHocSubProcess', 'agent', { attrs, ext, body: inner.join('\n') }),
        '<bpmn:endEvent id="end" />',
        flow('f0', 'start', 'agent'),
        flow('f1', 'agent', 'end'),
        ...(o.around ?? []),
      ].join('\n'),
    ),
    o.roots,
  );
}

/** Deploys the model and starts an instance; its key and the subprocess's element instance key. */
export async function startAdHoc(
  model: AdHocModel,
  variables: Record<string, unknown> = {},
): Promise<{ pi: string; agent: number }> {
  await t.deploy({ name: 'agent.bpmn', content: adHocModel(model) });
  const pi = (await t.rest.createProcessInstance({ processDefinitionId: 'p', variables })).processInstanceKey;
  const agent = await records.waitForEvent(
    'PROCESS_INSTANCE',
    'ELEMENT_ACTIVATING',
    (v) => v.elementId === 'agent',
  );
  return { pi, agent: agent.key };
}

/** Activates the one job of the type over gRPC (the SDK's ActivateJobs). */
export async function grpcJob(type: string, timeout = 60_000) {
  const jobs = await t.zeebe.activateJobs({
    type,
    worker: 'agent-worker',
    maxJobsToActivate: 1,
    timeout,
    requestTimeout: 2_000,
  });
  if (jobs.length !== 1) throw new Error(`expected a job of type '${type}', but got ${jobs.length}`);
  return jobs[0];
}

/** Waits for the nth (1-based) event of the value type and intent that matches. */
export async function nthEvent<T extends EngineRecord['valueType']>(
  valueType: T,
  intent: string,
  n: number,
  match: (v: Record<string, unknown>) => boolean = () => true,
): Promise<EngineRecord<T>> {
  const matching = (r: EngineRecord) =>
    r.recordType === 'EVENT' &&
    r.valueType === valueType &&
    r.intent === intent &&
    match(r.value as unknown as Record<string, unknown>);
  await records.waitFor(
    () => records.all.filter(matching).length >= n,
    5_000,
    `${n}× ${valueType} ${intent}`,
  );
  return records.all.filter(matching)[n - 1] as EngineRecord<T>;
}

/** `elementId:INTENT` of the instance's element events, in order. */
export function lifecycle(pi: string): string[] {
  return records
    .events('PROCESS_INSTANCE')
    .filter((r) => String(r.value.processInstanceKey) === pi)
    .map((r) => `${r.value.elementId}:${r.intent}`);
}

/** The intents of the subprocess's jobs (records of kind AD_HOC_SUB_PROCESS), in order. */
export function adHocJobIntents(): string[] {
  return records
    .events('JOB')
    .filter((r) => r.value.jobKind === 'AD_HOC_SUB_PROCESS')
    .map((r) => r.intent);
}

/** Records of every type as `VALUE_TYPE:RECORD_TYPE:INTENT[:elementId]`, from the first that matches on. */
export function sequenceFrom(first: (r: EngineRecord) => boolean): string[] {
  const all = records.all;
  const start = all.findIndex(first);
  return all.slice(start).map((r) => {
    const id = (r.value as { elementId?: string }).elementId;
    return [r.valueType, r.recordType, r.intent, ...(id ? [id] : [])].join(':');
  });
}

/** The `n`th job of the subprocess, activated over gRPC once it is created. */
export async function agentJob(n: number, timeout?: number) {
  await nthEvent('JOB', 'CREATED', n, (v) => v.jobKind === 'AD_HOC_SUB_PROCESS');
  return grpcJob('agent', timeout);
}

/** An element id as the typed client takes it (a branded string). */
export const id = (elementId: string) => elementId as never;

export const activate = (...ids: string[]) => ({
  type: 'adHocSubProcess' as const,
  activateElements: ids.map((elementId) => ({ elementId: id(elementId) })),
});

/** Completes the next job of an inner service task over gRPC. */
export async function completeTask(type: string, variables: Record<string, unknown> = {}) {
  const job = await grpcJob(type);
  await t.zeebe.completeJob({ jobKey: job.key, variables: variables as never });
}
