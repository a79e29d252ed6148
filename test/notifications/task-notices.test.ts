// New-task notices through the running system (issue 11): the composed system (embedded engine over its ports,
// SQLite or PostgreSQL, the outbox delivering to a loopback SMTP server and a loopback group robot) and the
// schedule's notice loop reading the engine's user tasks over REST with the system's credential. A task that
// existed before the first pass is not announced; a new unit task reaches each candidate unit once by mail — its
// mailbox and the people who may work it — and once in the group of a unit with a robot, in Chinese, with the
// process, the task, the deadline and the task's page — for a shipped process (petition-reply) also the record's
// number and title; a coordinators task reaches the office, a leaders task the leaders; a restarted loop and two
// schedulers at once send nothing twice.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe';
import { startSystem, type RunningSystem } from '../../cli/system/start-system';
import { startSchedulePart } from '../../cli/system/parts';
import { setChatRobot } from '../../domain/admin/chat-robots';
import { openDatabase, type Database } from '../../domain/db/client';
import { silentLogger } from '../../domain/log';
import { zhDateTime } from '../../domain/notifications/templates/layout';
import { mailSettingsFromEnv } from '../../domain/notifications/compose';
import { startTaskNotices, type TaskNotices } from '../../scheduler/task-notices';
import { createEngineApi, type EngineApi } from '../../web/server/engine/client';
import { createZeebeClient } from '../../workers/runtime/zeebe-client';
import { petitionRegistration } from '../processes-paths/support/answers';
import { emptyDatabaseUrl, providers } from '../support/databases';
import { robotSecrets, startChatReceiver, type ChatReceiver } from './support/chat-receiver';
import { startSmtp, type Received, type TestSmtp } from './support/smtp';

const bpmn = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="notice-check" name="核查事项" isExecutable="true">
    <bpmn:startEvent id="s" />
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="Task_Check" />
    <bpmn:userTask id="Task_Check" name="核查并反馈">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition candidateGroups="=units" />
        <zeebe:taskSchedule dueDate="=due" />
        <zeebe:taskHeaders><zeebe:header key="role" value="unit-lead" /></zeebe:taskHeaders>
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Task_Check" targetRef="e" />
    <bpmn:endEvent id="e" />
  </bpmn:process>
</bpmn:definitions>`;

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(providers)('new-task notices on %s', (provider) => {
  let dir: string;
  let drop: () => Promise<void>;
  let system: RunningSystem;
  let zeebe: ZeebeGrpcClient;
  let engine: EngineApi;
  let smtp: TestSmtp;
  let receiver: ChatReceiver;
  const loops: TaskNotices[] = [];
  const saved: Record<string, string | undefined> = {};
  const setEnv = (name: string, value: string | undefined) => {
    if (!(name in saved)) saved[name] = process.env[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-notices-'));
    const database = await emptyDatabaseUrl(provider);
    drop = database.drop;
    smtp = await startSmtp();
    receiver = await startChatReceiver();
    for (const name of ['ZEEBE_GRPC_ADDRESS', 'ZEEBE_ADDRESS', 'ZEEBE_REST_ADDRESS', 'CAMUNDA_REST_ADDRESS'])
      setEnv(name, undefined);
    setEnv('DATABASE_URL', database.url);
    setEnv('ADMIN_PASSWORD', 'admin-password-for-tests');
    setEnv('SMTP_URL', smtp.url);
    setEnv('WEB_BASE_URL', 'https://zhuanban.example.test');
    // The system's own loop stays off: the passes below are the test's, run when it says.
    setEnv('TASK_NOTICE_INTERVAL_MS', '0');
    system = await startSystem({
      engineDataDir: path.join(dir, 'engine'),
      grpcPort: 0,
      restPort: 0,
      webPort: 0,
      logOptions: { sink: () => undefined },
    });
    const credentials = system.engineCredentials;
    engine = createEngineApi({ restAddress: system.engine!.restAddress, credentials })!;
    zeebe = createZeebeClient({
      embeddedAddress: `grpc://${system.engine!.grpcAddress}`,
      embeddedCredentials: credentials,
    });
    await zeebe.deployResource({ process: Buffer.from(bpmn), name: 'notice-check.bpmn' });

    const db = system.database.db;
    await db.unit.update({ where: { code: 'court' }, data: { email: 'court@zhuanban.test' } });
    await db.unit.update({ where: { code: 'police' }, data: { email: 'police@zhuanban.test' } });
    const court = await db.unit.findUniqueOrThrow({ where: { code: 'court' } });
    const office = await db.unit.findUniqueOrThrow({ where: { code: 'plc-office' } });
    for (const [username, role, unitId] of [
      ['court-clerk', 'unit-user', court.id],
      ['court-head', 'unit-lead', court.id],
      ['office-clerk', 'coordinator', office.id],
      ['office-leader', 'leader', office.id],
    ] as const)
      await db.user.create({
        data: {
          username,
          displayName: username,
          email: `${username}@zhuanban.test`,
          role,
          unitId,
          passwordHash: 'x',
        },
      });
    await setChatRobot(db, { userId: null, label: 'admin' }, court.id, {
      platform: 'wecom',
      webhookUrl: `${receiver.base}/cgi-bin/webhook/send?key=${robotSecrets.wecomKey}`,
    });
  }, 120_000);

  afterAll(async () => {
    for (const loop of loops) await loop.stop();
    await zeebe?.close();
    await system?.stop();
    await smtp.stop();
    await receiver.stop();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const loop = (db = system.database.db, api: EngineApi = engine) => {
    const l = startTaskNotices({
      db,
      engine: api,
      clock: { now: () => new Date() },
      log: silentLogger,
      mailSettings: mailSettingsFromEnv(),
      intervalMs: 0,
    });
    loops.push(l);
    return l;
  };

  async function startTask(units: string[]): Promise<string> {
    const started = await zeebe.createProcessInstance({
      bpmnProcessId: 'notice-check',
      variables: { units, due: '2026-12-18T09:00:00Z' },
    });
    return taskOf(String(started.processInstanceKey));
  }

  /** The instance's first user task, once the engine shows it (workers may have to run before it). */
  async function taskOf(key: string): Promise<string> {
    for (let i = 0; i < 300; i++) {
      const found = (await engine.searchUserTasks(
        { filter: { processInstanceKey: key } } as never,
        { consistency: { waitUpToMs: 0 } } as never,
      )) as unknown as { items: { userTaskKey: string }[] };
      if (found.items[0]) return found.items[0].userTaskKey;
      await settle(100);
    }
    throw new Error(`no user task for instance ${key}`);
  }

  /** Delivers what the outbox holds now, then the notices of one task as the outbox and the receivers have them. */
  async function deliveredFor(userTaskKey: string) {
    await system.workers.outbox!.runOnce();
    await system.workers.chat.runOnce();
    const rows = await system.database.db.outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: `task.assigned:${userTaskKey}:` } },
      orderBy: { idempotencyKey: 'asc' },
    });
    const mails = smtp.received.filter((m) => (m.mail.text ?? '').includes(`/tasks/${userTaskKey}`));
    const chats = receiver.received.filter((r) => JSON.stringify(r.body).includes(`/tasks/${userTaskKey}`));
    return { rows, mails, chats };
  }

  const recipientsOf = (m: Received) => [...m.envelope.to].sort();

  let announced = '';

  it('announces a new unit task once to each candidate unit, and nothing that was there before', async () => {
    const before = await startTask(['court']);
    const first = loop();
    expect(await first.runOnce()).toBe(0); // the first pass only sets the mark
    const task = (announced = await startTask(['court', 'police']));
    expect(await first.runOnce()).toBe(2);
    expect(await first.runOnce()).toBe(0);

    const { rows, mails, chats } = await deliveredFor(task);
    expect(rows.map((r) => [r.idempotencyKey, r.channel, r.status])).toEqual([
      [`task.assigned:${task}:court`, 'mail', 'sent'],
      [`task.assigned:${task}:court#wecom`, 'wecom', 'sent'],
      [`task.assigned:${task}:police`, 'mail', 'sent'],
    ]);
    expect(mails.map(recipientsOf)).toEqual(
      expect.arrayContaining([
        // a unit-lead task: the unit's mailbox and its lead, not its clerk
        ['court-head@zhuanban.test', 'court@zhuanban.test'],
        ['police@zhuanban.test'],
      ]),
    );
    expect(mails).toHaveLength(2);
    const court = mails.find((m) => m.envelope.to.includes('court@zhuanban.test'))!.mail;
    expect(court.subject).toMatch(/^【待办】核查并反馈（流程实例 \d+）$/);
    expect(court.text).toContain('区人民法院：');
    expect(court.text).toContain('您有一项新的待办事项“核查并反馈”');
    expect(court.text).toContain('核查事项'); // the process
    expect(court.text).toContain('2026年12月18日'); // the deadline, in Beijing time
    expect(court.text).toContain(`https://zhuanban.example.test/tasks/${task}`);
    expect(chats).toHaveLength(1);
    expect(chats[0].verdict).toBe('ok');
    expect((chats[0].body.markdown as { content: string }).content).toContain('核查并反馈');

    // The task that was there before the first pass: no notice at all.
    expect((await deliveredFor(before)).rows).toEqual([]);
  }, 60_000);

  it('names the record of a shipped process: 受理分流 of a registered petition goes to the receiving unit', async () => {
    const notices = loop();
    await notices.runOnce(); // the mark exists (when this test runs alone)
    const started = await zeebe.createProcessInstance({
      bpmnProcessId: 'petition-reply',
      variables: petitionRegistration({ receivingUnitCode: 'court' }),
    });
    const pi = String(started.processInstanceKey);
    const task = await taskOf(pi); // after zhuanban.petition.register stored the petition
    expect(await notices.runOnce()).toBe(1);
    const petition = await system.database.db.petition.findUniqueOrThrow({
      where: { processInstanceKey: pi },
    });
    const { rows, mails, chats } = await deliveredFor(task);
    expect(rows.map((r) => [r.channel, r.relatedType, r.relatedId])).toEqual([
      ['mail', 'petition', petition.id],
      ['wecom', 'petition', petition.id],
    ]);
    expect(mails).toHaveLength(1);
    expect(chats).toHaveLength(1);
    // A unit-user task: the unit's mailbox, its clerk and its lead (who may act for the staff).
    expect(recipientsOf(mails[0])).toEqual([
      'court-clerk@zhuanban.test',
      'court-head@zhuanban.test',
      'court@zhuanban.test',
    ]);
    const mail = mails[0].mail;
    expect(mail.subject).toBe(`【待办】受理分流（${petition.number}）`);
    expect(mail.text).toContain('信访事项公开答复'); // the process
    expect(mail.text).toContain(`信访事项：${petition.subject}`);
    const [engineTask] = (
      (await engine.searchUserTasks(
        { filter: { userTaskKey: task } } as never,
        { consistency: { waitUpToMs: 0 } } as never,
      )) as unknown as { items: { dueDate?: string }[] }
    ).items;
    expect(engineTask.dueDate).toBeDefined();
    expect(mail.text).toContain(`办理期限：${zhDateTime(new Date(engineTask.dueDate!))}`);
  }, 60_000);

  it('tells the office of a coordinators task and the leaders of a leaders task', async () => {
    const notices = loop();
    await notices.runOnce(); // the mark exists (when this test runs alone)
    const forOffice = await startTask(['coordinators']);
    const forLeaders = await startTask(['leaders']);
    expect(await notices.runOnce()).toBe(2);
    const office = await system.database.db.unit.findUniqueOrThrow({ where: { code: 'plc-office' } });
    const a = await deliveredFor(forOffice);
    expect(a.rows.map((r) => [r.idempotencyKey, r.unitId])).toEqual([
      [`task.assigned:${forOffice}:plc-office`, office.id],
    ]);
    expect(a.mails.map(recipientsOf)).toEqual([['office-clerk@zhuanban.test', office.email].sort()]);
    expect(a.mails[0].mail.text).toContain(`${office.name}：`);
    const b = await deliveredFor(forLeaders);
    expect(b.rows.map((r) => [r.idempotencyKey, r.unitId])).toEqual([
      [`task.assigned:${forLeaders}:leaders`, null],
    ]);
    expect(b.mails.map(recipientsOf)).toEqual([['office-leader@zhuanban.test']]);
    expect(b.mails[0].mail.text).toContain('专班领导：');
  }, 60_000);

  it('goes on from its mark after a restart: misses nothing, repeats nothing', async () => {
    const restarted = loop(); // the same database, a new loop: what a restarted scheduler runs
    const whileDown = await startTask(['police']);
    expect(await restarted.runOnce()).toBe(1);
    expect(await restarted.runOnce()).toBe(0);
    const again = await deliveredFor(announced); // re-read in the overlap: still one of each
    expect(again.rows).toHaveLength(3);
    expect(again.mails).toHaveLength(2);
    expect(again.chats).toHaveLength(1);
    const missed = await deliveredFor(whileDown);
    expect(missed.rows.map((r) => r.idempotencyKey)).toEqual([`task.assigned:${whileDown}:police`]);
    expect(missed.mails).toHaveLength(1);
    const mark = await system.database.db.taskNoticeMark.findUniqueOrThrow({ where: { id: 'user-tasks' } });
    expect(mark.userTaskKey).toBe(whileDown);
  }, 60_000);

  it('two schedulers at the same time, each with its own connections, still announce each task once', async () => {
    const other: Database = await openDatabase({ url: process.env.DATABASE_URL, migrate: false });
    try {
      const otherEngine = createEngineApi({
        restAddress: system.engine!.restAddress,
        credentials: system.engineCredentials,
      })!;
      const a = loop();
      const b = loop(other.db, otherEngine);
      await a.runOnce(); // the mark exists (when this test runs alone)
      const tasks = await Promise.all([startTask(['court']), startTask(['police'])]);
      const counts = await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
      expect(counts.reduce((x, y) => x + y, 0)).toBe(2);
      const court = await deliveredFor(tasks[0]);
      expect(court.rows.map((r) => r.channel)).toEqual(['mail', 'wecom']);
      expect(court.mails).toHaveLength(1);
      expect(court.chats).toHaveLength(1);
      const police = await deliveredFor(tasks[1]);
      expect(police.rows.map((r) => r.channel)).toEqual(['mail']);
      expect(police.mails).toHaveLength(1);
    } finally {
      await other.close();
    }
  }, 60_000);

  it('runs in the schedule part on its own timer, reading the engine over REST with the SDK auth settings', async () => {
    // As \`zhuanban scheduler\` on another host: the engine's REST address and credential from the environment.
    setEnv('ZEEBE_REST_ADDRESS', system.engine!.restAddress);
    setEnv('CAMUNDA_AUTH_STRATEGY', 'BASIC');
    setEnv('CAMUNDA_BASIC_AUTH_USERNAME', system.engineCredentials!.username);
    setEnv('CAMUNDA_BASIC_AUTH_PASSWORD', system.engineCredentials!.password);
    setEnv('TASK_NOTICE_INTERVAL_MS', '200');
    const other: Database = await openDatabase({ url: process.env.DATABASE_URL, migrate: false });
    const quiet = { sink: () => undefined };
    const one = await startSchedulePart({ zeebe, database: system.database, logOptions: quiet });
    const two = await startSchedulePart({ zeebe, database: other, logOptions: quiet });
    try {
      expect(one.taskNotices).toBeDefined();
      const task = await startTask(['court']);
      let seen = await deliveredFor(task);
      for (let i = 0; i < 100 && seen.chats.length + seen.mails.length < 2; i++) {
        await settle(100);
        seen = await deliveredFor(task);
      }
      await settle(1_000); // several more passes of both
      seen = await deliveredFor(task);
      expect(seen.rows.map((r) => r.channel)).toEqual(['mail', 'wecom']);
      expect(seen.mails).toHaveLength(1);
      expect(seen.chats).toHaveLength(1);
    } finally {
      await one.stop();
      await two.stop();
      await other.close();
      for (const name of ['ZEEBE_REST_ADDRESS', 'CAMUNDA_AUTH_STRATEGY', 'CAMUNDA_BASIC_AUTH_USERNAME'])
        setEnv(name, undefined);
      setEnv('CAMUNDA_BASIC_AUTH_PASSWORD', undefined);
      setEnv('TASK_NOTICE_INTERVAL_MS', '0');
    }
  }, 60_000);
});
