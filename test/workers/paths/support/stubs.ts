// Test-only handlers for the rectification side's job types, used ONLY for the types no real worker serves yet
// (the bench leaves out every stub whose type workers/index.ts registers). They answer what processes/README.md
// promises; ledger.open goes through the real domain use case, so the ledger item exists in the database.
import { z } from 'zod';
import { openLedgerItem, ledgerSources } from '../../../../domain/ledger/ledger-items';
import { defineHandler, type JsonObject } from '../../../../workers/runtime/handler';
import type { AnyJobHandler } from '../../../../workers/runtime/runner';
import { shanghaiIso } from '../../../../workers/shared/deadline-sets';

const any = z.record(z.string(), z.unknown());

function stub(type: string, answer: (v: Record<string, unknown>, now: Date) => JsonObject): AnyJobHandler {
  return defineHandler({
    type,
    variables: any,
    async handle(job, services) {
      return job.complete(answer(job.variables, services.clock.now()));
    },
  }) as AnyJobHandler;
}

const ledgerOpen = defineHandler({
  type: 'zhuanban.ledger.open',
  variables: z.object({
    source: z.enum(ledgerSources),
    sourceRef: z.string().nullish(),
    problem: z.string(),
    category: z.string().nullish(),
    measures: z.string().nullish(),
    leadUnitCode: z.string(),
    assistingUnitCodes: z.array(z.string()).nullish(),
    dueDate: z.string().nullish(),
    originKey: z.string().nullish(),
  }),
  async handle(job, services) {
    const v = job.variables;
    const item = await openLedgerItem(
      services.db,
      { userId: null, label: 'test-stub:zhuanban.ledger.open' },
      {
        source: v.source,
        sourceRef: v.sourceRef ?? undefined,
        problem: v.problem,
        category: v.category ?? undefined,
        measures: v.measures ?? undefined,
        leadUnitCode: v.leadUnitCode,
        assistingUnitCodes: v.assistingUnitCodes ?? [],
        dueAt: v.dueDate ? new Date(`${v.dueDate.slice(0, 10)}T23:59:59+08:00`) : undefined,
        originKey: v.originKey ?? undefined,
        processInstanceKey: job.processInstanceKey,
      },
      services.clock.now(),
    );
    const dueDate = v.dueDate?.slice(0, 10) ?? shanghaiIso(item.dueAt).slice(0, 10);
    return job.complete({ ledgerNumber: item.number, dueDate, rectificationRound: 1 });
  },
}) as AnyJobHandler;

export function stubHandlers(): AnyJobHandler[] {
  return [
    ledgerOpen,
    stub('zhuanban.ledger.issueNotice', () => ({})),
    stub('zhuanban.ledger.acknowledge', () => ({})),
    stub('zhuanban.ledger.recordProgress', (v): JsonObject =>
      v.rectificationAction === 'extension' ? { extensionDecision: null } : {},
    ),
    stub('zhuanban.ledger.decideExtension', (v): JsonObject =>
      v.extensionDecision === 'approve'
        ? { extensionApproved: true, dueDate: String(v.approvedDueDate) }
        : { extensionApproved: false },
    ),
    stub('zhuanban.ledger.escalate', () => ({})),
    stub('zhuanban.ledger.recordAccountability', () => ({})),
    stub('zhuanban.ledger.recordVerification', (v) => {
      const failed = v.verificationResult === 'failed';
      return {
        rectificationRound: Number(v.rectificationRound) + (failed ? 1 : 0),
        dueDate: String(failed ? v.newDueDate : v.dueDate),
      };
    }),
    stub('zhuanban.ledger.close', (_v, now) => ({ closedAt: shanghaiIso(now) })),
  ];
}
