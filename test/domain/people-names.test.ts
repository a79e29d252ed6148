// The one way records' actors become the names people know: by the user's id where a record keeps it (so a
// renamed sign-in name still finds the person), else by the sign-in name, a system actor in Chinese, and a
// label no user has any more as it is — all in one query.
import { peopleNames } from '../../domain/people-names';
import { freshDatabase, type TestDatabase } from '../support/databases';

let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase('sqlite');
  await t.db.user.createMany({
    data: [
      { username: 'court.user', displayName: '区法院承办人', role: 'unit-user', passwordHash: 'unused' },
      { username: 'renamed.user', displayName: '改名后的承办人', role: 'unit-user', passwordHash: 'unused' },
    ],
  });
}, 60_000);
afterAll(() => t?.destroy());

it('names people by id, then by sign-in name, and system actors in Chinese', async () => {
  const renamed = await t.db.user.findUniqueOrThrow({ where: { username: 'renamed.user' } });
  const who = [
    { label: 'court.user' },
    { id: renamed.id, label: 'old.name' },
    { label: 'system' },
    { label: 'worker:ledger-remind' },
    { label: 'gone.user' },
  ];
  const nameOf = await peopleNames(t.db, who);
  expect(who.map(nameOf)).toEqual([
    '区法院承办人',
    '改名后的承办人',
    '系统',
    '系统（自动处理）',
    'gone.user',
  ]);
});

it('names a system actor when there is no one to look up', async () => {
  const nameOf = await peopleNames(t.db, []);
  expect(nameOf({ label: 'system' })).toBe('系统');
});
