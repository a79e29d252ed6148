// A coordination case's own page (/cases/<id>): its facts, its coordination meetings, and what the caller may
// send into its process now — 会议改期 for the office while the case waits for its meeting — offered by the same
// rules as on the instance and task pages. A unit user sees only cases its unit is in (else 404); without the
// engine the page still shows the record and offers nothing.
import { unitScope, type Principal } from '../../../domain/auth/roles';
import { getEnterpriseCase } from '../../../domain/records/scoped-queries';
import type { AppContext } from '../context';
import { offeredForInstance } from '../messages/offered';
import { recordSummary } from '../tasks/record-summary';
import { refOf } from '../tasks/records';
import { meetingReschedule } from './meeting-reschedule';

const meetingStates: Record<string, string> = { planned: '已安排', held: '已召开', cancelled: '已取消' };

export async function casePage(ctx: AppContext, principal: Principal, id: number) {
  const found = await getEnterpriseCase(ctx.db, unitScope(principal), id);
  const ref = refOf.case(found);
  const [summary, actions] = await Promise.all([
    recordSummary(ctx.db, ref),
    ctx.engine && found.processInstanceKey
      ? offeredForInstance(ctx.db, ctx.engine, principal, {
          processDefinitionId: meetingReschedule.processId,
          processInstanceKey: found.processInstanceKey,
        })
      : [],
  ]);
  return {
    id: found.id,
    number: found.number,
    enterpriseName: found.enterprise.name,
    status: ref.status,
    processInstanceKey: found.processInstanceKey,
    rows: summary.rows,
    meetings: found.meetings.map((m) => ({
      sequence: m.sequence,
      scheduledAt: m.scheduledAt?.toISOString() ?? null,
      place: m.place,
      chair: m.chair,
      state: meetingStates[m.status] ?? m.status,
      rescheduleCount: m.rescheduleCount,
    })),
    actions,
  };
}
