// The roster's names, entered or imported by an admin (never seeded): a CSV of 职务代码,姓名 sets the holders,
// audited; any bad line — unknown code, duplicate, a name that is not one — changes nothing and says which line.
import { importRosterCsv, parseCsv, setHolderName } from '../../domain/admin/roster';
import { seed } from '../../domain/seed/seed';
import { freshDatabase, type TestDatabase } from '../support/databases';

const admin = { userId: null, label: 'admin' };
let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase('sqlite');
  await seed(t.db, { adminPassword: 'roster-admin-password' });
}, 60_000);
afterAll(() => t?.destroy());

const names = async () =>
  Object.fromEntries(
    (await t.db.position.findMany({ where: { holderName: { not: null } } })).map((p) => [
      p.code,
      p.holderName,
    ]),
  );

it('reads quoted CSV cells and a byte-order mark', () => {
  expect(parseCsv('\uFEFF职务代码,姓名\r\n"head","甲,乙"\n\n')).toEqual([
    ['职务代码', '姓名'],
    ['head', '甲,乙'],
  ]);
});

it('imports the holders’ names, audited, and a second import of the same file changes nothing', async () => {
  const csv = '职务代码,姓名\nhead,组长甲\noffice-director,主任乙\nsection-lead-court,科长丙\n';
  expect(await importRosterCsv(t.db, admin, csv)).toEqual({ updated: 3 });
  expect(await names()).toEqual({
    head: '组长甲',
    'office-director': '主任乙',
    'section-lead-court': '科长丙',
  });
  expect(await t.db.auditLog.count({ where: { action: 'position.import', actorLabel: 'admin' } })).toBe(3);
  expect(await importRosterCsv(t.db, admin, csv)).toEqual({ updated: 0 });
});

it.each([
  ['姓名,职务代码\n组长甲,head', 'CSV 第1行应为表头“职务代码,姓名”'],
  ['职务代码,姓名\n', 'CSV 中没有数据行'],
  ['职务代码,姓名\nhead,组长丁\nnobody,某人', 'CSV 第3行：职务代码“nobody”不存在'],
  ['职务代码,姓名\nhead,组长丁\nhead,组长戊', 'CSV 第3行：职务代码“head”重复'],
  ['职务代码,姓名\nhead,13800000000', 'CSV 第2行：姓名不能含有逗号、分号、数字或@'],
])('refuses %j with a clear message and changes nothing', async (csv, message) => {
  const before = await names();
  await expect(importRosterCsv(t.db, admin, csv)).rejects.toMatchObject({ message });
  expect(await names()).toEqual(before);
});

it('sets and clears one holder’s name by hand, audited', async () => {
  await setHolderName(t.db, admin, 'principal-police', '局长丁');
  expect((await names())['principal-police']).toBe('局长丁');
  await setHolderName(t.db, admin, 'principal-police', null);
  expect((await names())['principal-police']).toBeUndefined();
  await expect(setHolderName(t.db, admin, 'no-such', '某人')).rejects.toMatchObject({
    message: '职务不存在',
  });
});
