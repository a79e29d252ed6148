// 奖惩 and the start forms' idempotency keys on both providers (the web tests run SQLite only): a 责令整改 opens
// its ledger item once (origin key sanction:<id>) and, without a process starter, leaves it to the reconciler;
// lists are scoped per unit; a failed entry changes nothing; a start key is claimed once even when two requests
// race, answered from the stored answer afterwards, given back when the work fails, and purged after a day.
import { listSanctions, recordSanction } from '../../domain/assessment/sanctions';
import { seed } from '../../domain/seed/seed';
import { once, purgeIdempotencyKeys } from '../../web/server/start/idempotency';
import { freshDatabase, providers, type TestDatabase } from '../support/databases';

const office = { userId: null, label: 'coordinator' };
const now = new Date('2026-12-20T04:00:00Z');

describe.each(providers)('on %s', (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(provider);
    await seed(t.db, { adminPassword: 'sanctions-admin-password' });
  }, 60_000);
  afterAll(() => t?.destroy());

  it('records 奖惩, opens the 责令整改’s ledger item, scopes the lists, and refuses bad input whole', async () => {
    const base = {
      period: '2026-Q4',
      basis: '奖惩办法第八条',
      decidedBy: '工作专班',
      decidedOn: '2026-12-18',
    };
    await recordSanction(
      t.db,
      office,
      null,
      { ...base, unitCode: 'court', kind: 'award', reason: '指标进位明显' },
      now,
    );
    const ordered = await recordSanction(
      t.db,
      office,
      null,
      { ...base, unitCode: 'police', kind: 'rectify', reason: '回访未按期报送', rectifyBy: '2027-01-15' },
      now,
    );
    const item = await t.db.ledgerItem.findUniqueOrThrow({ where: { originKey: `sanction:${ordered.id}` } });
    expect(item).toMatchObject({ source: 'supervision', processInstanceKey: null });
    expect(item.dueAt.toISOString()).toBe('2027-01-15T15:59:59.999Z');
    expect(ordered.ledgerItem).toEqual({ id: item.id, number: item.number, processInstanceKey: null });

    const police = await t.db.unit.findUniqueOrThrow({ where: { code: 'police' } });
    const all = await listSanctions(t.db, { all: true }, '2026-Q4');
    expect(all.items.map((s) => [s.unitCode, s.kindLabel, s.ledgerItem?.number ?? null])).toEqual([
      ['court', '表彰奖励', null],
      ['police', '责令整改', item.number],
    ]);
    expect((await listSanctions(t.db, { all: false, unitId: police.id }, '2026-Q4')).items).toHaveLength(1);
    expect((await listSanctions(t.db, { all: false, unitId: null }, '2026-Q4')).items).toEqual([]);
    expect((await listSanctions(t.db, { all: true }, '2026-Q3')).items).toEqual([]);

    const before = [await t.db.assessmentSanction.count(), await t.db.ledgerItem.count()];
    await expect(
      recordSanction(
        t.db,
        office,
        null,
        { ...base, unitCode: 'court', kind: 'rectify', reason: '期间之前的决定', decidedOn: '2026-09-30' },
        now,
      ),
    ).rejects.toThrow('决定日期不能早于考核期间开始（2026-10-01）');
    await expect(
      recordSanction(
        t.db,
        office,
        null,
        { ...base, unitCode: 'nowhere', kind: 'rectify', reason: '不存在的单位' },
        now,
      ),
    ).rejects.toThrow('该单位不参加考核');
    expect([await t.db.assessmentSanction.count(), await t.db.ledgerItem.count()]).toEqual(before);
  });

  it('claims a start key once, answers repeats from the stored answer, gives it back on failure, purges it', async () => {
    const scope = { userId: 7, route: 'start:case-coordination', key: `race-${provider}` };
    let runs = 0;
    const work = {
      run: async (made: (ref: string) => Promise<void>) => {
        runs++;
        await made('2251799813685001');
        await new Promise((r) => setTimeout(r, 300));
        return { processInstanceKey: '2251799813685001' };
      },
      resume: async (ref: string) => ({ processInstanceKey: ref, resumed: true }),
    };
    const answers = await Promise.all([once(t.db, scope, work), once(t.db, scope, work)]);
    expect(runs).toBe(1);
    // the repeat found the instance before the first answer was stored, or the answer itself
    expect(answers.map((a) => a.processInstanceKey)).toEqual(['2251799813685001', '2251799813685001']);
    expect(await once(t.db, scope, work)).toEqual({ processInstanceKey: '2251799813685001' });

    const failing = { ...scope, key: `fails-${provider}` };
    const broken = { run: async () => Promise.reject(new Error('引擎不可用')), resume: work.resume };
    await expect(once(t.db, failing, broken)).rejects.toThrow('引擎不可用');
    expect(await t.db.idempotencyKey.count({ where: { key: failing.key } })).toBe(0);

    expect(await purgeIdempotencyKeys(t.db, new Date(Date.now() + 25 * 3600_000))).toBe(1);
    expect(await t.db.idempotencyKey.count()).toBe(0);
  });
});
