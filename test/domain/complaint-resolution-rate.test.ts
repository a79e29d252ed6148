// 解决率 of enterprise complaints from known records, counted by hand here and by the code (the weekly
// consolidation and the leaders' dashboard alike): it counts the outcome recorded at the return visit
// (已解决), never the satisfaction rating, which is its own figure beside it. The return visit refuses a
// missing outcome or an unexplained 部分解决 / 未解决 in Chinese and changes nothing.
import { recordSatisfaction, type SatisfactionInput } from '../../domain/petitions/replies';
import { seed } from '../../domain/seed/seed';
import { consolidate } from '../../domain/weekly-reports/consolidation';
import { dashboard } from '../../web/server/dashboard/dashboard';
import { freshDatabase, type TestDatabase } from '../support/databases';

const unitUser = { userId: null, label: 'court.user' };
let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase('sqlite');
  await seed(t.db, { adminPassword: 'resolution-rate-admin-password' });
}, 60_000);
afterAll(() => t?.destroy());

let sequence = 0;
async function petition(petitionerKind: 'enterprise' | 'person', status: 'replied' | 'handling') {
  const court = await t.db.unit.findUniqueOrThrow({ where: { code: 'court' } });
  return t.db.petition.create({
    data: {
      number: `XF-2026-${String(++sequence).padStart(4, '0')}`,
      channel: 'court_report_mail',
      petitionerKind,
      petitionerName: `信访人${sequence}`,
      subject: '执行款未到位',
      content: '申请执行后款项未到位',
      receivingUnitId: court.id,
      handlingUnitId: court.id,
      status,
    },
  });
}

const visit = (
  number: string,
  satisfaction: SatisfactionInput['satisfaction'],
  resolutionOutcome: SatisfactionInput['resolutionOutcome'],
  resolutionNote: string | null = null,
) =>
  t.db.$transaction((tx) =>
    recordSatisfaction(
      tx,
      unitUser,
      {
        petitionNumber: number,
        visitedOn: '2026-12-01',
        visitMethod: 'phone',
        satisfaction,
        comment: null,
        resolutionOutcome,
        resolutionNote,
      },
      new Date('2026-12-01T02:00:00Z'),
    ),
  );

it('counts 已解决 outcomes over answered enterprise complaints; satisfaction is its own rate', async () => {
  const a = await petition('enterprise', 'replied');
  const b = await petition('enterprise', 'replied');
  const c = await petition('enterprise', 'replied');
  const d = await petition('enterprise', 'replied');
  await petition('enterprise', 'replied'); // answered, not yet visited: no outcome, no rating
  await petition('enterprise', 'handling'); // not answered: outside both rates
  const person = await petition('person', 'replied'); // a person's petition: not an enterprise complaint
  await visit(a.number, 'satisfied', 'resolved');
  await visit(b.number, 'unsatisfied', 'resolved'); // resolved, yet the enterprise is not satisfied
  await visit(c.number, 'satisfied', 'partially_resolved', '罚没款退还部分待财政审批');
  await visit(d.number, 'basically_satisfied', 'unresolved', '需另行起诉，已告知诉讼途径');
  await visit(person.number, 'satisfied', 'resolved');

  // By hand: 5 answered enterprise complaints (a–d and the unvisited one; a, b resolved) → 解决率 2/5 = 40%.
  // 4 of them rated; a, c (满意) and d (基本满意) → 满意率 3/4 = 75%. The old reading (satisfied = resolved)
  // would have said 3/5 = 60%.
  const week = await consolidate(t.db, '2026-W49', new Date('2026-12-04T09:00:00Z'));
  const byCode = new Map(week.processIndicators.map((i) => [i.code, i]));
  expect(byCode.get('complaint-resolution-rate')).toMatchObject({ numerator: 2, denominator: 5, value: 40 });
  expect(byCode.get('complaint-satisfaction-rate')).toMatchObject({
    numerator: 3,
    denominator: 4,
    value: 75,
  });
  const court = week.figures.find(
    (f) => f.indicatorCode === 'complaint-resolution-rate' && f.unitCode === 'court',
  );
  expect(court).toMatchObject({ value: 40, met: false, note: '已答复企业投诉5件，已解决2件' });

  const board = await dashboard(t.db, new Date('2026-12-04T09:00:00Z'));
  const rates = new Map(board.rates.map((r) => [r.code, r]));
  expect(rates.get('complaint-resolution-rate')).toMatchObject({ numerator: 2, denominator: 5, value: 40 });
  expect(rates.get('complaint-satisfaction-rate')).toMatchObject({ numerator: 3, denominator: 4, value: 75 });
  const courtFigure = board.indicators.find(
    (i) => i.indicator === 'complaint-resolution-rate' && i.unit === 'court',
  );
  expect(courtFigure?.value).toBe(40);

  expect(await t.db.petition.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({
    status: 'closed',
    resolutionOutcome: 'partially_resolved',
    resolutionNote: '罚没款退还部分待财政审批',
  });
});

it('refuses a 部分解决 / 未解决 without its reason, and an unknown outcome, changing nothing', async () => {
  const p = await petition('enterprise', 'replied');
  await expect(visit(p.number, 'satisfied', 'unresolved', '  ')).rejects.toThrow(
    '部分解决或未解决的，请说明原因和后续安排',
  );
  await expect(visit(p.number, 'satisfied', 'fixed' as never)).rejects.toThrow('请选择解决情况');
  const after = await t.db.petition.findUniqueOrThrow({
    where: { id: p.id },
    include: { satisfaction: true },
  });
  expect(after).toMatchObject({ status: 'replied', resolutionOutcome: null, satisfaction: null });
});
