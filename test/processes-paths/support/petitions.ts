// Steps of the petition-reply paths as people take them through the REST API v2: register (start form), classify
// in the receiving unit's inbox, draft and sign the reply, the return visit; and reading back the petition record.
import { accept, approve, draft, followUp, petitionRegistration, type Outcome } from './answers';
import { dateOf, type Bench } from './bench';

export async function register(b: Bench, over: Record<string, unknown> = {}) {
  const pi = await b.start('petition-reply', petitionRegistration(over));
  const number = await b.until(
    'the petition',
    async () => (await b.db.petition.findUnique({ where: { processInstanceKey: pi } }))?.number,
  );
  return { pi, number };
}

export async function petition(b: Bench, number: string) {
  return b.db.petition.findUniqueOrThrow({
    where: { number },
    include: {
      notices: { orderBy: { id: 'asc' } },
      reply: true,
      session: true,
      satisfaction: true,
      handlingUnit: true,
      ledgerItem: true,
    },
  });
}

/** Accepted by `unit` (simple unless said), the watch of the handling period running. */
export async function accepted(
  b: Bench,
  unit: string,
  pi: string,
  complexity: 'simple' | 'complex' = 'simple',
) {
  await b.complete(unit, 'Task_Classify', pi, accept(complexity));
}

/** Drafted by the unit user, signed by the unit lead (returned once when asked), delivered. */
export async function replyAndSign(
  b: Bench,
  unit: string,
  pi: string,
  options: { returnOnce?: boolean; draft?: Record<string, unknown> } = {},
) {
  await b.complete(unit, 'Task_DraftReply', pi, options.draft ?? draft);
  if (options.returnOnce) {
    await b.complete(
      unit,
      'Task_SignReply',
      pi,
      { replyDecision: 'return', replyReturnReason: '请补充法律依据' },
      `${unit}.lead`,
    );
    await b.complete(unit, 'Task_DraftReply', pi, options.draft ?? draft);
  }
  await b.complete(unit, 'Task_SignReply', pi, approve, `${unit}.lead`);
}

export async function visit(
  b: Bench,
  unit: string,
  pi: string,
  satisfaction: Parameters<typeof followUp>[0],
  outcome: Outcome = 'resolved',
) {
  await b.complete(unit, 'Task_FollowUp', pi, followUp(satisfaction, dateOf(b.now()), outcome));
}

export async function variable(b: Bench, pi: string, name: string): Promise<unknown> {
  const r = await b.rest.searchVariables({ filter: { processInstanceKey: pi, name } } as never);
  const item = r.items.find((v) => String(v.processInstanceKey) === pi) ?? r.items[0];
  return item === undefined ? undefined : JSON.parse(String(item.value));
}
