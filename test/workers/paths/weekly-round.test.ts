// The weekly round beyond the Friday report: any number of 推进会 in one week, each recorded with minutes and
// attendance, a 交办 item opening a ledger item; and a 重大事项 the office flags, which gives the 组长 a task to
// decide on a meeting, the decision recorded and the office told. Real engine, workers, database and SMTP.
import { recordProgressMeeting } from '../../../domain/weekly-reports/progress-meetings';
import { engineStarter } from '../../../web/server/start/engine-starter';
import { startPathBench, type PathBench } from './support/bench';
import { friday, mailsOf, week } from './support/weekly';

jest.setTimeout(60_000);

let b: PathBench;
beforeEach(async () => {
  b = await startPathBench({ start: friday('09:00') });
  await b.startWorkers();
});
afterEach(() => b.close());

const office = { userId: null, label: 'coordinator' };

it('records two 推进会 in one week; the 交办 item of the second opens a ledger item; bad input records nothing', async () => {
  const db = b.database.db;
  const first = await recordProgressMeeting(db, office, {
    isoWeek: week,
    heldOn: '2027-11-29',
    title: '第一次工作推进会',
    minutes: '通报上周各单位进展，研究诉前调解率未达标问题。',
    attendance: ['专班办公室主任', '区法院副院长', '区检察院副检察长'],
  });
  const second = await recordProgressMeeting(
    db,
    office,
    {
      isoWeek: week,
      heldOn: '2027-12-02',
      title: '第二次工作推进会',
      minutes: '研究青禾精密机械有限公司执行案件财产查控问题，交办区法院。',
      attendance: ['专班办公室主任', '区法院副院长'],
      items: [
        {
          problem: '青禾精密机械有限公司执行案件财产查控进展缓慢',
          leadUnitCode: 'court',
          measures: '一周内完成财产查控',
          dueDate: '2027-12-31',
        },
      ],
    },
    b.clock.now(),
    engineStarter(b.rest as never),
  );
  const meetings = await db.progressMeeting.findMany({ where: { isoWeek: week }, orderBy: { id: 'asc' } });
  expect(meetings.map((m) => [m.id, m.title, m.attendance])).toEqual([
    [first.id, '第一次工作推进会', ['专班办公室主任', '区法院副院长', '区检察院副检察长']],
    [second.id, '第二次工作推进会', ['专班办公室主任', '区法院副院长']],
  ]);
  const item = await db.ledgerItem.findUniqueOrThrow({
    where: { originKey: `progress-meeting:${second.id}:1` },
    include: { leadUnit: true },
  });
  expect(item).toMatchObject({
    source: 'weekly_meeting',
    sourceRef: `${week} 推进会 2027-12-02`,
    problem: '青禾精密机械有限公司执行案件财产查控进展缓慢',
    measures: '一周内完成财产查控',
  });
  expect(item.leadUnit.code).toBe('court');
  // The item runs its rectification process: the court gets the notice to acknowledge.
  expect(item.processInstanceKey).toMatch(/^\d+$/);
  const [ack] = await b.inbox.waitFor('court', 'Task_Acknowledge');
  expect(ack.processInstanceKey).toBe(item.processInstanceKey);
  expect(meetings[1].items).toEqual([
    {
      problem: '青禾精密机械有限公司执行案件财产查控进展缓慢',
      leadUnitCode: 'court',
      measures: '一周内完成财产查控',
      dueDate: '2027-12-31',
      ledgerNumber: item.number,
    },
  ]);
  expect(await db.ledgerItem.count()).toBe(1);

  // An unknown responsible unit is refused before anything is written.
  await expect(
    recordProgressMeeting(db, office, {
      isoWeek: week,
      heldOn: '2027-12-03',
      title: '第三次工作推进会',
      minutes: '纪要',
      attendance: ['专班办公室主任'],
      items: [{ problem: '某问题', leadUnitCode: 'no-such-unit' }],
    }),
  ).rejects.toThrow('交办事项的责任单位不存在：no-such-unit');
  expect(await db.progressMeeting.count()).toBe(2);
  expect(await db.ledgerItem.count()).toBe(1);
});

it('a 重大事项 flagged by the office gives the 组长 a decision task; the decision is recorded and the office told', async () => {
  const db = b.database.db;
  const leader = await db.user.create({
    data: { username: 'leader', displayName: '组长（测试）', role: 'leader', passwordHash: 'not-used' },
  });
  await db.position.update({ where: { code: 'head' }, data: { holderId: leader.id } });

  const started = await b.rest.createProcessInstance({
    processDefinitionId: 'major-matter',
    variables: {
      matterTitle: '青禾精密机械有限公司拟迁出本区',
      matterDescription: '企业反映执行案件久拖不决，拟迁出本区，需专班研究协调。',
    },
  });
  const [task] = await b.inbox.waitFor('leaders', 'Task_DecideMeeting');
  expect(task.candidateUsers).toEqual(['leader']);
  const matter = await db.majorMatter.findFirstOrThrow();
  expect(matter).toMatchObject({
    number: 'ZD-2027-001',
    title: '青禾精密机械有限公司拟迁出本区',
    processInstanceKey: started.processInstanceKey,
    decision: null,
  });
  expect(await b.inbox.open('coordinators', 'Task_DecideMeeting')).toEqual([]);

  await b.inbox.complete('leaders', 'Task_DecideMeeting', 'leader', {
    meetingDecision: 'convene',
    matterMeetingAt: '2027-12-06T01:30:00Z',
    decisionNote: '下周一召开专题会议，法院、检察院、公安分局参加。',
  });
  await b.inbox.instanceState(started.processInstanceKey, 'COMPLETED');
  const decided = await db.majorMatter.findFirstOrThrow();
  expect(decided).toMatchObject({
    decision: 'convene',
    meetingAt: '2027-12-06T09:30:00+08:00',
    decisionNote: '下周一召开专题会议，法院、检察院、公安分局参加。',
  });
  expect(decided.decidedAt?.toISOString()).toBe('2027-12-03T01:00:00.000Z');
  const [told] = await mailsOf(b, 'major-matter.decision', 1);
  expect(told.mail.subject).toBe(
    '【重大事项】ZD-2027-001 青禾精密机械有限公司拟迁出本区：组长决定召开会议研究',
  );
  expect(told.mail.text).toContain('会议时间2027年12月6日 09:30');
  expect(told.envelope.to).toContain('plc-office@zhuanban.invalid');
  const audit = await db.auditLog.findMany({ where: { entity: 'majorMatter' }, orderBy: { id: 'asc' } });
  expect(audit.map((a) => a.action)).toEqual(['majorMatter.create', 'majorMatter.decide']);
});
