// The weekly report, the case coordination and the petition reply against an engine in another process (the
// rectification path runs so in remote-engine.test.ts): `zhuanban engine` started as its own process, the
// workers configured only through ZEEBE_GRPC_ADDRESS / CAMUNDA_AUTH_STRATEGY, users acting through its REST API
// v2, the outbox delivered to a real SMTP server. The same benches as the path suites; with
// ZHUANBAN_TEST_ENGINE=process those whole suites run this way too.
process.env.ZHUANBAN_TEST_ENGINE = 'process';

import { startPathBench, type PathBench } from '../workers/paths/support/bench';
import {
  friday,
  publishWeek,
  reportAndSignOff,
  reportingUnits,
  reportsOfWeek,
  reviewAndForward,
  reviewVariables,
  weeklyMeeting,
} from '../workers/paths/support/weekly';
import { caseNumberOf, registerCase, screen } from '../workers/paths/support/cases';
import { mailsOf } from '../workers/paths/support/weekly';
import { startBench, type Bench } from '../processes-paths/support/bench';
import { accepted, petition, register, replyAndSign, visit } from '../processes-paths/support/petitions';

jest.setTimeout(90_000);

describe('weekly report and case coordination against a separate engine process', () => {
  let b: PathBench;
  beforeAll(async () => {
    b = await startPathBench({ start: friday('09:00') });
    await b.startWorkers();
  }, 60_000);
  afterAll(() => b?.close());

  it('opens the week, every unit reports and signs off, the summary is forwarded with its document', async () => {
    expect(b.server.separateProcess).toBe(true);
    const instance = await publishWeek(b);
    await b.pin(friday('10:00'));
    for (const unit of reportingUnits) await reportAndSignOff(b, unit);
    const review = await reviewVariables(b);
    expect(review.summaryText).toContain('应报单位5个，已报送5个，其中按时报送5个');
    await b.pin(friday('16:00'));
    await reviewAndForward(b, review.summaryText);
    await weeklyMeeting(b);
    await b.inbox.instanceState(instance, 'COMPLETED');
    const mails = await b.deliver();
    expect(mails.map((m) => m.mail.subject)).toEqual([
      '【工作周报】加强企业权益保护工作专班 2027-W48（2027年11月29日—12月5日）',
    ]);
    expect(mails[0].mail.attachments.map((a) => a.filename)).toEqual(['工作周报-2027-W48.docx']);
    expect((await reportsOfWeek(b)).map((r) => r.status)).toEqual(reportingUnits.map(() => 'signed_off'));
  });

  it('registers a disputed case; the office declines it and the units are told why', async () => {
    const instance = await registerCase(b);
    const number = await caseNumberOf(b, instance);
    await screen(b, 'decline', '该案件已进入再审程序，不宜提请协调会。');
    await b.inbox.instanceState(instance, 'COMPLETED');
    const mails = await mailsOf(b, 'case.declined', 3);
    expect(mails[0].mail.text).toContain('不予受理理由：该案件已进入再审程序，不宜提请协调会。');
    const row = await b.database.db.enterpriseCase.findUniqueOrThrow({ where: { number } });
    expect(row.status).toBe('declined');
  });
});

describe('petition reply against a separate engine process', () => {
  let b: Bench;
  beforeAll(async () => {
    b = await startBench('sqlite');
  }, 60_000);
  afterAll(() => b?.close());

  it('accepts, replies, signs, delivers and visits a petition; the instance ends and both notices are mailed', async () => {
    expect(b.server.separateProcess).toBe(true);
    const { pi, number } = await register(b);
    await accepted(b, 'court', pi);
    await replyAndSign(b, 'court', pi);
    await visit(b, 'court', pi, 'satisfied');
    await b.ended(pi);
    expect(await petition(b, number)).toMatchObject({
      status: 'closed',
      satisfaction: { rating: 'satisfied' },
    });
    expect((await b.mails()).map((m) => m.mail.subject)).toEqual([
      `【受理告知书】${number} 胜诉后货款迟迟未执行到位`,
      `【答复意见书】${number} 胜诉后货款迟迟未执行到位`,
    ]);
  });
});
