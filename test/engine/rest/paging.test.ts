// REST API v2 pagination: 1,000 instances paged forward with `after` and back with `before`
// cursors — no gaps, no repeats, also under a sort with ties and mixed directions — and offsets.
import { definitions, flow, process } from '../support/bpmn';
import { startRestEngine, type RestTestEngine } from './support/rest-harness';

jest.setTimeout(60_000);

let t: RestTestEngine;
const created: string[] = [];

beforeAll(async () => {
  t = await startRestEngine();
  const xml = definitions(
    process(
      'quick',
      ['<bpmn:startEvent id="start" />', '<bpmn:endEvent id="end" />', flow('f0', 'start', 'end')].join('\n'),
    ),
  );
  await t.deploy({ name: 'quick.bpmn', content: xml });
  for (let i = 0; i < 1_000; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: 50 }, (_, j) =>
        t.rest.createProcessInstance({ processDefinitionId: 'quick', variables: { i: i + j } }),
      ),
    );
    created.push(...batch.map((b) => b.processInstanceKey));
  }
  await t.caughtUp();
});
afterAll(async () => {
  await t.close();
});

const now = { consistency: { waitUpToMs: 0 } };
type Sort = { field: 'startDate' | 'processInstanceKey'; order: 'ASC' | 'DESC' }[];

async function pageForward(limit: number, sort: Sort = []): Promise<string[]> {
  const keys: string[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const r = await t.api.searchProcessInstances(
      { filter: { processDefinitionId: 'quick' }, sort, page: after ? { after, limit } : { limit } },
      now,
    );
    expect(r.page.totalItems).toBe(1_000);
    keys.push(...r.items.map((i) => String(i.processInstanceKey)));
    if (r.items.length < limit) break;
    after = String(r.page.endCursor);
  }
  return keys;
}

describe('cursor pagination over 1,000 instances', () => {
  it('forward with after: every instance once, in key order', async () => {
    const keys = await pageForward(37);
    expect(keys).toHaveLength(1_000);
    expect(new Set(keys).size).toBe(1_000);
    expect(keys).toEqual([...created].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
  });

  it('forward under a sort with ties (many share a start date) and mixed directions', async () => {
    const keys = await pageForward(23, [{ field: 'startDate', order: 'DESC' }]);
    expect(new Set(keys).size).toBe(1_000);
    const all = await t.api.searchProcessInstances(
      {
        filter: { processDefinitionId: 'quick' },
        sort: [{ field: 'startDate', order: 'DESC' }],
        page: { limit: 1_000 },
      },
      now,
    );
    expect(keys).toEqual(all.items.map((i) => String(i.processInstanceKey)));
  });

  it('backward with before from the last page reaches the first instance without gaps', async () => {
    const forward = await pageForward(100);
    const last = await t.api.searchProcessInstances(
      { filter: { processDefinitionId: 'quick' }, page: { from: 950, limit: 50 } },
      now,
    );
    expect(last.items.map((i) => String(i.processInstanceKey))).toEqual(forward.slice(950));
    const collected = last.items.map((i) => String(i.processInstanceKey));
    let before = String(last.page.startCursor);
    for (;;) {
      const r = await t.api.searchProcessInstances(
        { filter: { processDefinitionId: 'quick' }, page: { before, limit: 64 } },
        now,
      );
      if (r.items.length === 0) break;
      collected.unshift(...r.items.map((i) => String(i.processInstanceKey)));
      before = String(r.page.startCursor);
    }
    expect(collected).toEqual(forward);
  });

  it('refuses a cursor it did not hand out, and a cursor together with from', async () => {
    const bad = await t.http('POST', '/v2/process-instances/search', { page: { after: 'bm90IGEgY3Vyc29y' } });
    expect(bad.status).toBe(400);
    expect(bad.json.detail).toMatch(/Cannot decode pagination cursor/);
    const both = await t.http('POST', '/v2/process-instances/search', { page: { after: 'WzFd', from: 5 } });
    expect(both.status).toBe(400);
    expect(both.json.detail).toMatch(/page/);
  });
});
