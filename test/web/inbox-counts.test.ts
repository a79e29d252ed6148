// 我的待办's tab counts: the shown tab's list is fresh, the other counts are cached for a few seconds. Tasks that
// have just arrived must not be counted as a colleague's because the cached counts have not seen them yet.
import { tabCounts } from '../../web/server/tasks/inbox';

const stale = { all: 0, mine: 0, unassigned: 0, colleagues: 0 };

it('counts every tab from the whole list when the 全部 tab holds it', () => {
  const list = { items: [{}, { assignee: 'court.user' }, { assignee: 'court.lead' }], total: 3 };
  expect(tabCounts('all', list, 'court.user', stale)).toEqual({
    all: 3,
    mine: 1,
    unassigned: 1,
    colleagues: 1,
  });
  expect(tabCounts('all', { items: [{}, {}], total: 2 }, 'court.user', stale)).toEqual({
    all: 2,
    mine: 0,
    unassigned: 2,
    colleagues: 0,
  });
});

it('takes the shown tab’s total as fresh and the others from the cache, on a later page or another tab', () => {
  const page = { items: [{ assignee: 'court.lead' }], total: 30 };
  expect(tabCounts('all', page, 'court.user', { all: 28, mine: 2, unassigned: 20, colleagues: 6 })).toEqual({
    all: 30,
    mine: 2,
    unassigned: 20,
    colleagues: 6,
  });
  expect(tabCounts('unassigned', { items: [{}, {}], total: 2 }, 'court.user', { ...stale, mine: 1 })).toEqual(
    { all: 3, mine: 1, unassigned: 2, colleagues: 0 },
  );
});
