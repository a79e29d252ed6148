// zhuanban.mail.send — sends the mail named by the task header `template` (mail-templates.ts) through the outbox:
// the outbox rows and the record change that notes the sending commit in one transaction, once per business key,
// so a redelivered job sends nothing twice. Variables that do not fit the template raise an incident at once.
import { z } from 'zod';
import { defineHandler, type JsonObject } from '../runtime/handler';
import { workerActor } from './actor';
import { mailTemplates, type MailBatch } from './mail-templates';

const type = 'zhuanban.mail.send';

export default defineHandler({
  type,
  variables: z.record(z.string(), z.unknown()),
  headers: z.object({ template: z.string().min(1) }),
  async handle(job, services) {
    const template = mailTemplates[job.headers.template];
    if (!template) return job.fail(`no mail template '${job.headers.template}'`, { retries: 0 });
    let batch: MailBatch;
    try {
      batch = await template(job.variables, {
        db: services.db,
        now: services.clock.now(),
        settings: services.mailSettings,
      });
    } catch (e) {
      if (e instanceof z.ZodError)
        return job.fail(`variables do not fit template ${job.headers.template}: ${e.message}`, {
          retries: 0,
        });
      throw e;
    }
    const result = await job.once(
      async (tx): Promise<JsonObject> => {
        const ids: number[] = [];
        for (const mail of batch.mails) ids.push((await services.mail.enqueue(tx, mail)).id);
        await batch.record?.(tx, workerActor(type));
        return { outboxIds: ids };
      },
      { key: batch.key },
    );
    job.log.info('mail queued', {
      template: job.headers.template,
      key: batch.key,
      outboxIds: result.outboxIds,
    });
    return job.complete();
  },
});
