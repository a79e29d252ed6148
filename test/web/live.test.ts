// The live badge stream (server-sent events) on the whole system: the whole state first, then only changed
// elements; each unit's stream counts only its items; a reconnect with Last-Event-ID gets nothing when in
// step and the whole state again when it missed a change or comes from another server run.
import { bootSystem, type BootedSystem } from '../browser/support/system';
import {
  applyBadges,
  caseInOpinionRound,
  clientsFor,
  openStream,
  opinion,
  taskOf,
  type Badges,
} from './monitor-support';

let booted: BootedSystem;
const as = clientsFor(() => booted);

beforeAll(async () => {
  booted = await bootSystem();
}, 120_000);
afterAll(async () => {
  await booted?.stop();
});

const opinionCount = (state: Badges) => state.Task_SubmitOpinion?.active ?? 0;

it('streams the badges per unit scope, then only changes, and resynchronises on reconnect', async () => {
  const office = await openStream(await as('coordinator'), '/api/live/case-coordination');
  const police = await openStream(await as('police.user'), '/api/live/case-coordination');
  const justice = await openStream(await as('justice.user'), '/api/live/case-coordination');
  expect(office.status).toBe(200);
  const first = await office.next((e) => e.event === 'badges');
  expect(first.data).toMatchObject({ full: true });
  expect(first.id).toMatch(/^[0-9a-f]{8}\.\d+$/);

  const theCase = await caseInOpinionRound(as, '实时推送测试有限公司');
  await office.next(
    (e) => e.event === 'badges' && opinionCount(applyBadges({}, office.events)) === 2,
    15_000,
  );
  await police.next(
    (e) => e.event === 'badges' && opinionCount(applyBadges({}, police.events)) === 1,
    15_000,
  );
  // Later events carry only the elements that changed.
  const partial = office.events.filter((e) => e.event === 'badges').slice(1);
  expect(partial.length).toBeGreaterThan(0);
  for (const e of partial) expect((e.data as { full: boolean }).full).toBe(false);
  // The police never see the office's screening step, and justice (not involved) sees nothing of the case.
  for (const e of police.events.filter((x) => x.event === 'badges'))
    expect(Object.keys((e.data as { elements: object }).elements)).not.toContain('Task_Screening');
  expect(opinionCount(applyBadges({}, justice.events))).toBe(0);

  // In step: a reconnect with the last id gets no state, only the ready signal.
  const lastId = office.events.filter((e) => e.id).at(-1)!.id!;
  await office.close();
  const again = await openStream(await as('coordinator'), '/api/live/case-coordination', lastId);
  await again.next((e) => e.event === 'ready');
  expect(again.events.filter((e) => e.event === 'badges')).toEqual([]);
  await again.close();

  // Missed a change while away: the police submit their opinion; the reconnect gets the whole state.
  const policeTask = await taskOf(await as('police.user'), 'Task_SubmitOpinion', theCase.number);
  const done = await (
    await as('police.user')
  ).send('POST', `/api/tasks/${policeTask.userTaskKey}/complete`, {
    variables: opinion,
  });
  expect(done.status).toBe(200);
  await police.next(
    (e) => e.event === 'badges' && opinionCount(applyBadges({}, police.events)) === 0,
    15_000,
  );
  const missed = await openStream(await as('coordinator'), '/api/live/case-coordination', lastId);
  const full = await missed.next((e) => e.event === 'badges');
  expect(full.data).toMatchObject({ full: true });
  expect(opinionCount(applyBadges({}, [full]))).toBe(1);
  await missed.close();

  // An id from another server run (or garbage) also gets the whole state.
  const stranger = await openStream(await as('coordinator'), '/api/live/case-coordination', 'deadbeef.99');
  expect((await stranger.next((e) => e.event === 'badges')).data).toMatchObject({ full: true });
  await stranger.close();
  await police.close();
  await justice.close();
}, 90_000);

it('refuses a stream of an unknown process or version in Chinese', async () => {
  const c = await as('leader');
  const res = await c.send<{ detail: string }>('GET', '/api/live/no-such-process');
  expect(res.status).toBe(404);
  expect(res.body.detail).toBe('没有这个流程');
  expect((await c.send('GET', '/api/live/case-coordination?version=0')).status).toBe(400);
});
