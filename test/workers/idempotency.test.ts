// At-least-once delivery made once, on both databases: a job delivered a second time — because its first
// delivery outlived the job timeout, or crashed after its transaction committed — finds its stored result, so
// the outbox holds one mail, the SMTP server on loopback receives one mail, and the instance completes with the
// variables of the first delivery.
import { z } from 'zod';
import { startOutboxDispatcher } from '../../domain/notifications/dispatcher';
import { reminder } from '../../domain/notifications/templates';
import { smtpTransport } from '../../domain/notifications/transport';
import { silentLogger } from '../../domain/log';
import { defineHandler } from '../../workers/runtime/handler';
import { providers } from '../support/databases';
import { startSmtp, type TestSmtp } from '../notifications/support/smtp';
import { startBench, type Bench } from './support/harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(providers)('idempotent jobs on %s', (provider) => {
  let bench: Bench;
  let smtp: TestSmtp;
  beforeAll(async () => {
    bench = await startBench(provider);
    await bench.deployFixture('runner-probe.bpmn');
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await bench.close();
    await smtp.stop();
  });

  /** A reminder job: one outbox mail per job, whatever the number of deliveries. */
  function reminderHandler(type: string, misbehave: (delivery: number) => Promise<void>) {
    let deliveries = 0;
    const handler = defineHandler({
      type,
      variables: z.object({ isoWeek: z.string() }),
      timeoutMs: 600,
      backoff: { initialMs: 200, maxMs: 1_000 },
      async handle(job, services) {
        const delivery = ++deliveries;
        const result = await job.once(async (tx) => {
          const { id } = await services.mail.enqueue(tx, {
            idempotencyKey: `${type}:${job.variables.isoWeek}:court`,
            to: ['court@zhuanban.test'],
            content: reminder({
              recipient: '区法院',
              taskName: '填报本周工作周报',
              businessKey: job.variables.isoWeek,
              dueAt: new Date('2026-11-27T09:00:00Z'),
              overdue: false,
            }),
          });
          return { reminded: 1, outboxId: id, firstDelivery: delivery };
        });
        await misbehave(delivery);
        return job.complete(result);
      },
    });
    return { handler: handler, deliveries: () => deliveries };
  }

  async function expectOneMail(type: string, processInstanceKey: string) {
    const rows = await bench.database.db.outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: type } },
    });
    expect(rows).toHaveLength(1);
    const processed = await bench.database.db.processedJob.findMany({ where: { jobType: type } });
    expect(processed).toHaveLength(1);
    expect(processed[0].processInstanceKey).toBe(processInstanceKey);
    const dispatcher = startOutboxDispatcher({
      db: bench.database.db,
      transport: smtpTransport(smtp.url),
      envelopeFrom: 'office@zhuanban.test',
      clock: bench.services.clock,
      log: silentLogger,
      intervalMs: 3_600_000,
    });
    const before = smtp.received.length;
    await dispatcher.runOnce();
    await dispatcher.runOnce();
    await dispatcher.stop();
    expect(smtp.received.length - before).toBe(1);
    expect(smtp.received[before].mail.subject).toContain('填报本周工作周报（2026-W48）');
    return rows[0];
  }

  it('completes with the first result when a slow first delivery timed out and the job came again', async () => {
    const type = `test.remind.timeout.${provider}`;
    const { handler, deliveries } = reminderHandler(type, async (delivery) => {
      if (delivery === 1) await sleep(1_500); // past the 600 ms job timeout
    });
    await bench.runWorkers([handler]);
    const result = await bench.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'runner-probe',
      variables: { jobType: type, isoWeek: '2026-W48' },
      requestTimeout: 20_000,
    });
    expect(deliveries()).toBe(2);
    expect(result.variables).toMatchObject({ reminded: 1, firstDelivery: 1, outcome: 'completed' });
    const row = await expectOneMail(type, result.processInstanceKey);
    expect(result.variables.outboxId).toBe(row.id);
    await sleep(1_000); // the first delivery acknowledges late: refused by the gateway, logged, nothing undone
    expect(
      bench.logs.some(
        (l) => l.message === 'acknowledgement not accepted by the gateway' && l.fields.jobType === type,
      ),
    ).toBe(true);
  });

  it('completes with the first result when the worker failed after its transaction committed', async () => {
    const type = `test.remind.crash.${provider}`;
    const { handler, deliveries } = reminderHandler(type, async (delivery) => {
      if (delivery === 1) throw new Error('connection reset before the acknowledgement');
    });
    await bench.runWorkers([handler]);
    const result = await bench.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'runner-probe',
      variables: { jobType: type, isoWeek: '2026-W48' },
      requestTimeout: 30_000,
    });
    expect(deliveries()).toBe(2);
    expect(result.variables).toMatchObject({ reminded: 1, firstDelivery: 1 });
    await expectOneMail(type, result.processInstanceKey);
  }, 30_000);
});
