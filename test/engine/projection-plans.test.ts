// The element-instance searches a live diagram makes several times a second (web/server/live: what sits in a
// definition now, and the newest instance, off which the web reads the engine's clock) are index lookups: their
// cost stays flat while the definition's history grows (issue 13: the soak's web latency rose with its data).
// Each search runs on a real projection schema; the SQL it executed is read back and its plan asked of SQLite.
import Database from 'better-sqlite3';
import { SCHEMA } from '../../engine/projections/schema';
import { ElementInstanceQueries } from '../../engine/projections/query/element-instances';

const definition = 2251799813685284;

function projectionsWithHistory() {
  const executed: string[] = [];
  const db = new Database(':memory:', { verbose: (sql) => executed.push(String(sql)) });
  db.exec(SCHEMA);
  const insert = db.prepare(
    `INSERT INTO element_instances (key, process_instance_key, process_definition_key, process_definition_id,
       element_id, element_name, type, state, start_date, end_date, flow_scope_key, tenant_id)
     VALUES (?, ?, ?, 'rectification', ?, '', 'USER_TASK', ?, ?, ?, ?, '<default>')`,
  );
  // 2,000 finished instances of 5 elements each, and 10 still at their first.
  db.transaction(() => {
    let key = 1;
    for (let i = 0; i < 2_010; i++) {
      const done = i < 2_000;
      for (let e = 0; e < (done ? 5 : 1); e++) {
        const start = 1_000_000 + i * 10 + e;
        insert.run(
          key++,
          i,
          definition,
          `Task_${e}`,
          done ? 'COMPLETED' : 'ACTIVE',
          start,
          done ? start + 5 : null,
          i,
        );
      }
    }
  })();
  db.exec('ANALYZE');
  executed.length = 0;
  return { db, executed, queries: new ElementInstanceQueries(db) };
}

/** SQLite's plan of each SELECT the search executed (the items and the total). */
function plansOf(db: Database.Database, executed: string[]): string[] {
  return executed
    .filter((sql) => /^\s*SELECT/i.test(sql))
    .map((sql) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; '),
    );
}

it('finds what sits in a definition now through an index on definition and state', () => {
  const { db, executed, queries } = projectionsWithHistory();
  const res = queries.search({ processDefinitionKey: String(definition), state: 'ACTIVE' }, undefined, {
    limit: 10_000,
  });
  expect(res.items.map((i) => i.processInstanceKey)).toEqual(
    Array.from({ length: 10 }, (_, i) => String(2_000 + i)),
  );
  expect(res.page.totalItems).toBe(10);
  const plans = plansOf(db, executed);
  expect(plans).toHaveLength(2);
  for (const plan of plans) expect(plan).toMatch(/INDEX \w+ \(process_definition_key=\? AND state=\?\)/);
});

it('finds the newest element instance without sorting the history', () => {
  const { db, executed, queries } = projectionsWithHistory();
  const res = queries.search({}, [{ field: 'startDate', order: 'DESC' }], { limit: 1 });
  expect(res.items.map((i) => [i.processInstanceKey, i.startDate])).toEqual([
    ['2009', new Date(1_000_000 + 2_009 * 10).toISOString()],
  ]);
  const [items] = plansOf(db, executed);
  expect(items).toMatch(/SCAN t USING INDEX \w+/);
  expect(items).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
});
