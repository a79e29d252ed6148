// Who did it when two people finish parallel steps of one petition at the same moment (issue 13 item 1), on the
// whole system through the web routes: the handling unit's user completes the reply draft while the unit's lead
// decides an extension the unit asked for. The two workers behind those tasks are held back until both
// completions have landed — as when the workers are busy or restarting — so each reads `zhuanbanActor` only after
// the other branch wrote its own. Each domain audit row must name the person who completed its task, not
// `worker:…`: the extension approval runs in its own scope (SubProcess_Extension), so its person is not
// replaced by the handling's.
import { handlers } from '../../workers';
import { startWorkers, type WorkerRuntime } from '../../workers/runtime/runner';
import { createServices } from '../../workers/runtime/services';
import { createZeebeClient } from '../../workers/runtime/zeebe-client';
import { bootSystem, type BootedSystem } from '../browser/support/system';
import { clientsFor, taskOf, until } from './monitor-support';

jest.setTimeout(120_000);

const held = ['zhuanban.petition.saveReply', 'zhuanban.petition.decideExtension'];

let booted: BootedSystem;
let late: WorkerRuntime | undefined;
let lateZeebe: ReturnType<typeof createZeebeClient> | undefined;
const as = clientsFor(() => booted);
const db = () => booted.system.database.db;

const shanghaiDate = (ms: number) => new Date(ms).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const plusDays = (date: string, n: number) =>
  shanghaiDate(Date.parse(`${date}T12:00:00+08:00`) + n * 86_400_000);

beforeAll(async () => {
  booted = await bootSystem({ handlers: handlers.filter((h) => !held.includes(h.type)) });
}, 120_000);
afterAll(async () => {
  await late?.stop();
  await lateZeebe?.close();
  await booted?.stop();
});

async function petitionInHandling() {
  const court = await as('court.user');
  const started = await court.send<{ processInstanceKey: string; record: { number: string } }>(
    'POST',
    '/api/start-forms/petition-reply',
    {
      idempotencyKey: 'parallel-attribution',
      variables: {
        channel: 'court_report_phone',
        petitionerKind: 'enterprise',
        petitionerName: '联系人丁',
        enterpriseName: '并行办理测试有限公司',
        subject: '执行案件久拖未结',
        contact: '010-00000004',
        content: '执行案件久拖未结，请求依法处理。',
        receivingUnitCode: 'court',
      },
    },
  );
  if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  const petition = { number: started.body.record.number, key: started.body.processInstanceKey };
  const classify = await taskOf(court, 'Task_Classify', petition.number);
  const done = await court.send('POST', `/api/tasks/${classify.userTaskKey}/complete`, {
    variables: { classification: 'accept', classificationReason: '属于本单位职责范围', complexity: 'simple' },
  });
  if (done.status !== 200) throw new Error(`classify: ${done.status} ${JSON.stringify(done.body)}`);
  return petition;
}

it('names the drafter and the approving lead in their own audit rows when both complete at once', async () => {
  const petition = await petitionInHandling();
  const court = await as('court.user');
  const lead = await as('court.lead');
  const draft = await taskOf(court, 'Task_DraftReply', petition.number);

  const due = await until('the handling period running', async () => {
    const res = await court.send<{ variables: { name: string; value: unknown }[] }>(
      'GET',
      `/api/instances/${petition.key}`,
    );
    const v = res.body.variables?.find((x) => x.name === 'handlingDueAt')?.value;
    return typeof v === 'string' ? shanghaiDate(Date.parse(v)) : undefined;
  });
  const asked = await court.send('POST', `/api/instances/${petition.key}/petition-extension-request`, {
    variables: { extensionReason: '需调取外地执行材料', requestedDueDate: plusDays(due, 15) },
  });
  expect(asked.status).toBe(200);
  const approval = await taskOf(lead, 'Task_ApproveExtension', petition.number);

  const [drafted, decided] = await Promise.all([
    court.send('POST', `/api/tasks/${draft.userTaskKey}/complete`, {
      variables: {
        stance: 'explain',
        replyContent: '经核查，执行款将于本月内发放。',
        legalBasis: '《中华人民共和国民事诉讼法》',
        reviewRoute: '收到答复之日起30日内可申请复查',
      },
    }),
    lead.send('POST', `/api/tasks/${approval.userTaskKey}/complete`, {
      variables: { extensionDecision: 'reject', extensionDecisionNote: '请在现办理期限内办结' },
    }),
  ]);
  expect([drafted.status, decided.status]).toEqual([200, 200]);

  lateZeebe = createZeebeClient({
    embeddedAddress: `grpc://${booted.system.engine!.grpcAddress}`,
    embeddedCredentials: booted.system.engineCredentials,
  });
  late = await startWorkers({
    zeebe: lateZeebe,
    handlers: handlers.filter((h) => held.includes(h.type)),
    services: createServices({ db: db() }),
    pollIntervalMs: 200,
  });

  const rowOf = (action: string) =>
    until(
      action,
      async () => (await db().auditLog.findMany({ where: { action } })).at(0) ?? undefined,
      30_000,
    );
  const [draftRow, decisionRow] = await Promise.all([
    rowOf('petitionReply.draft'),
    rowOf('petition.extensionRejected'),
  ]);
  const user = (username: string) => db().user.findUniqueOrThrow({ where: { username } });
  expect({ actorId: draftRow.actorId, actorLabel: draftRow.actorLabel }).toEqual({
    actorId: (await user('court.user')).id,
    actorLabel: 'court.user',
  });
  expect({ actorId: decisionRow.actorId, actorLabel: decisionRow.actorLabel }).toEqual({
    actorId: (await user('court.lead')).id,
    actorLabel: 'court.lead',
  });
  expect(draftRow.after).toMatchObject({ via: 'worker:zhuanban.petition.saveReply' });
  expect(decisionRow.after).toMatchObject({ via: 'worker:zhuanban.petition.decideExtension' });
});
