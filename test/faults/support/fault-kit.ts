// What the fault-injection tests share: the parts as separate processes through the real CLI, with the engine
// behind Basic authentication; polling until a condition holds; the engine's REST API as an operator calls it;
// and the mixed opening load over the three processes that start from outside.
import { Camunda8 } from '@camunda8/sdk';
import { createUser } from '../../../domain/admin/users';
import { systemActor } from '../../../domain/audit';
import type { Db } from '../../../domain/db/client';
import { spawnCli, type EngineProcess, type SpawnResult } from '../../engine/support/engine-process';
import { deployAll } from '../../processes/support/engine';
import { ledgerOpening, petitionRegistration } from '../../processes-paths/support/answers';
import { caseForm } from '../../web/monitor-support';

export const engineUser = { name: 'ops', password: 'fault-injection-engine-password' };
export const engineAuthorization = `Basic ${Buffer.from(`${engineUser.name}:${engineUser.password}`).toString('base64')}`;

/** The SDK's auth variables for the engine user, as the workers and the web read them. */
export const sdkAuthEnv = {
  CAMUNDA_AUTH_STRATEGY: 'BASIC',
  CAMUNDA_BASIC_AUTH_USERNAME: engineUser.name,
  CAMUNDA_BASIC_AUTH_PASSWORD: engineUser.password,
  ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
};

export type OpeningKind = 'rectification' | 'petition-reply' | 'case-coordination';
export const openingKinds: OpeningKind[] = ['rectification', 'petition-reply', 'case-coordination'];
export const firstTask: Record<OpeningKind, string> = {
  rectification: 'Task_Acknowledge',
  'petition-reply': 'Task_Classify',
  'case-coordination': 'Task_Screening',
};

/** The start variables of the i-th opening of a kind, each naming its own enterprise or problem. */
export function openingVariables(kind: OpeningKind, i: number, label = '故障注入'): Record<string, unknown> {
  if (kind === 'rectification')
    return ledgerOpening({ problem: `${label}整改事项${i}`, sourceRef: `GZ-${i}` });
  if (kind === 'petition-reply') return petitionRegistration({ enterpriseName: `${label}企业${i}` });
  return caseForm(`${label}案件企业${i}`);
}

export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  context: () => string = () => '',
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${context()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function restOf(engine: EngineProcess): string {
  return /REST (http:\/\/\S+?),/.exec(engine.readyLine)![1]!;
}

export async function engineRest<T>(base: string, method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/v2${p}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: engineAuthorization },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** Deploys zhuanban's processes through the official gRPC client. */
export async function deployProcesses(engine: EngineProcess): Promise<void> {
  const zeebe = new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://${engine.address}`,
    ...sdkAuthEnv,
    zeebeGrpcSettings: { ZEEBE_GRPC_CLIENT_RETRY: false },
  } as never).getZeebeGrpcApiClient();
  await deployAll(zeebe);
  await zeebe.close();
}

/** `zhuanban workers` against the engine, configured only through the SDK's variables. */
export function startWorkers(engine: EngineProcess, env: NodeJS.ProcessEnv): SpawnResult {
  return spawnCli(['workers'], {
    ...sdkAuthEnv,
    ZEEBE_GRPC_ADDRESS: `grpc://${engine.address}`,
    LOG_FORMAT: 'json',
    ...env,
  });
}

export const workersRunning = (p: SpawnResult) => /workers running/.test(p.stdout() + p.stderr());

/** True once the instance has a created user task at the element. */
export async function waitsAt(base: string, processInstanceKey: string, elementId: string) {
  const tasks = await engineRest<{ items: { elementId: string }[] }>(base, 'POST', '/user-tasks/search', {
    filter: { processInstanceKey, state: 'CREATED' },
  });
  return tasks.items.some((t) => t.elementId === elementId);
}

/** `zhuanban web` against the engine (SDK variables only); answers once it listens. */
export async function startWebProcess(
  engine: EngineProcess,
  env: NodeJS.ProcessEnv,
  port = 0,
): Promise<{ proc: SpawnResult; url: string }> {
  const proc = spawnCli(['web', '--port', String(port)], {
    ...sdkAuthEnv,
    ADMIN_PASSWORD: 'admin-password-for-tests',
    ZEEBE_REST_ADDRESS: restOf(engine),
    ZEEBE_GRPC_ADDRESS: `grpc://${engine.address}`,
    ...env,
  });
  const url = await waitFor(
    'the web server',
    async () => /listening on (http\S+)/.exec(proc.stdout())?.[1],
    60_000,
    () => `${proc.stdout()}\n${proc.stderr()}`,
  );
  return { proc, url };
}

export const officePassword = 'office-password-for-fault-tests';

/** The office's coordinator account `office`, made as an admin would, its first-login change already done. */
export async function createOfficeUser(db: Db): Promise<void> {
  await createUser(db, systemActor, {
    username: 'office',
    displayName: '专班办公室测试',
    role: 'coordinator',
    unitCode: 'plc-office',
    password: officePassword,
  });
  await db.user.update({ where: { username: 'office' }, data: { mustChangePassword: false } });
}

/** The domain records of the acknowledged openings, by process; each kind linked to its instance key. */
export async function recordsOf(db: Db, acknowledged: { kind: OpeningKind; key: string }[]) {
  const keys = (kind: OpeningKind) => acknowledged.filter((s) => s.kind === kind).map((s) => s.key);
  const [items, petitions, cases] = await Promise.all([
    db.ledgerItem.findMany({ where: { processInstanceKey: { in: keys('rectification') } } }),
    db.petition.findMany({ where: { processInstanceKey: { in: keys('petition-reply') } } }),
    db.enterpriseCase.findMany({ where: { processInstanceKey: { in: keys('case-coordination') } } }),
  ]);
  const linked = new Set([...items, ...petitions, ...cases].map((r) => r.processInstanceKey));
  return { items, petitions, cases, unrecorded: acknowledged.filter((s) => !linked.has(s.key)) };
}

/** A process that waits at one user task: enough to see what the engine acknowledged. */
export function oneUserTaskProcess(id: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="zhuanban">
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="start"/><bpmn:sequenceFlow id="f" sourceRef="start" targetRef="task"/>
    <bpmn:userTask id="task"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
  </bpmn:process>
</bpmn:definitions>`;
}
