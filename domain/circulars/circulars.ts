// 定期督导通报: generates the circular of a period from the records, archives it (the row with its figures and
// the .docx bytes) and mails it through the outbox — to every member and associate unit (its own figures in the
// letter) and to the leaders with the office in copy. Once per period: asking again answers the archived one,
// unless a regeneration is asked for explicitly (a new revision, mailed again). Audited.
import { createHash } from 'node:crypto';
import { audit, audited, type Actor } from '../audit';
import type { Db } from '../db/client';
import { buildCircularDocx } from '../documents/supervision-circular-docx';
import { enqueueMail, type MailSettings } from '../notifications';
import { addresses, roleAddressees, unitAddressees } from '../notifications/recipients';
import { supervisionCircular } from '../notifications/templates/circular';
import { circularFigures, monthOf, type CircularFigures } from './figures';

export interface GenerateCircular {
  period: string;
  trigger: 'schedule' | 'manual';
  /** Replace an archived circular of the period (a new revision, mailed again). */
  regenerate?: boolean;
}

export interface Generated {
  circular: { id: number; period: string; revision: number; title: string };
  created: boolean;
}

export const circularTitle = (period: string) => `企业权益保护工作督导通报（${monthOf(period).label}）`;

export async function generateCircular(
  db: Db,
  actor: Actor,
  input: GenerateCircular,
  settings: MailSettings,
  now: Date,
): Promise<Generated> {
  const title = circularTitle(input.period);
  const existing = await db.supervisionCircular.findUnique({ where: { period: input.period } });
  if (existing && !input.regenerate) return { circular: existing, created: false };
  const figures = await circularFigures(db, input.period, now);
  const revision = existing ? existing.revision + 1 : 1;
  const fileName = `督导通报-${input.period}${revision > 1 ? `-第${revision}版` : ''}.docx`;
  const document = await buildCircularDocx({ title, figures, generatedAt: now, revision });
  const units = await db.unit.findMany({
    where: { active: true, kind: { in: ['member', 'associate'] } },
    orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
  });
  const gaps = [
    ...figures.lateReports.map((g) => ({ ...g, k: '迟报' })),
    ...figures.missingReports.map((g) => ({ ...g, k: '未报' })),
  ].map((g) => `${g.unit}${g.isoWeek}${g.k}`);
  const letterFor = (recipientName: string, own?: CircularFigures['units'][number]) =>
    supervisionCircular({
      title,
      recipientName,
      periodLabel: figures.periodLabel,
      totals: figures.totals,
      own: own && {
        total: own.total,
        overdue: own.overdue,
        overdueNumbers: figures.overdue.filter((o) => o.unit === own.name).map((o) => o.number),
      },
      lateOrMissing: gaps,
      document: { filename: fileName, content: document },
      revision,
    });
  const data = {
    title,
    trigger: input.trigger,
    revision,
    generatedAt: now,
    generatedById: actor.userId,
    figures: figures as never,
    fileName,
    document: new Uint8Array(document),
    documentSha256: createHash('sha256').update(document).digest('hex'),
  };
  return audited(db, async (tx) => {
    const circular = existing
      ? await tx.supervisionCircular.update({ where: { id: existing.id }, data })
      : await tx.supervisionCircular.create({ data: { period: input.period, ...data } });
    await tx.supervisionCircularRecipient.deleteMany({ where: { circularId: circular.id } });
    const key = `supervision.circular:${input.period}:r${revision}`;
    for (const unit of units) {
      const to = addresses(await unitAddressees(tx, unit.code));
      const mail = to.length
        ? await enqueueMail(
            tx,
            {
              idempotencyKey: `${key}:${unit.code}`,
              to,
              content: letterFor(
                unit.shortName,
                figures.units.find((u) => u.code === unit.code),
              ),
              unitId: unit.id,
              relatedType: 'supervisionCircular',
              relatedId: circular.id,
            },
            settings,
            now,
          )
        : null;
      await tx.supervisionCircularRecipient.create({
        data: { circularId: circular.id, unitId: unit.id, outboxMessageId: mail?.id ?? null },
      });
    }
    const leaders = addresses(await roleAddressees(tx, ['leader']));
    const office = addresses(await roleAddressees(tx, ['coordinator'])).filter((a) => !leaders.includes(a));
    const leadersMail = leaders.length
      ? await enqueueMail(
          tx,
          {
            idempotencyKey: `${key}:leaders`,
            to: leaders,
            cc: office,
            content: letterFor('各位专班领导'),
            relatedType: 'supervisionCircular',
            relatedId: circular.id,
          },
          settings,
          now,
        )
      : null;
    await tx.supervisionCircular.update({
      where: { id: circular.id },
      data: { leadersMailId: leadersMail?.id ?? null },
    });
    await audit(tx, actor, {
      action: existing ? 'supervisionCircular.regenerate' : 'supervisionCircular.generate',
      entity: 'supervisionCircular',
      entityId: circular.id,
      before: existing && { revision: existing.revision, documentSha256: existing.documentSha256 },
      after: { period: input.period, revision, trigger: input.trigger, totals: figures.totals },
    });
    return { circular, created: true };
  }).catch(async (e: unknown) => {
    // Two first generations of one period at once: the loser answers the winner's circular.
    const winner =
      !existing && (await db.supervisionCircular.findUnique({ where: { period: input.period } }));
    if (winner) return { circular: winner, created: false };
    throw e;
  });
}
