// History retention: finished process instances whose end date lies before a cutoff are removed
// with everything that belongs to them, in chunks, and the diagram counters of the definitions
// concerned are recounted from what remains.
import type Database from 'better-sqlite3';

const CHUNK = 1_000;

const DEPENDENT_DELETES = [
  'DELETE FROM user_task_candidates WHERE user_task_key IN (SELECT key FROM user_tasks WHERE process_instance_key IN (SELECT key FROM purge_keys))',
  'DELETE FROM user_tasks WHERE process_instance_key IN (SELECT key FROM purge_keys)',
  'DELETE FROM element_instances WHERE process_instance_key IN (SELECT key FROM purge_keys)',
  'DELETE FROM variables WHERE process_instance_key IN (SELECT key FROM purge_keys)',
  'DELETE FROM incidents WHERE process_instance_key IN (SELECT key FROM purge_keys)',
  'DELETE FROM sequence_flows WHERE process_instance_key IN (SELECT key FROM purge_keys)',
  'DELETE FROM jobs WHERE process_instance_key IN (SELECT key FROM purge_keys)',
  'DELETE FROM message_subscriptions WHERE process_instance_key IN (SELECT key FROM purge_keys)',
  'DELETE FROM process_instances WHERE key IN (SELECT key FROM purge_keys)',
];

/** Removes instances that ended before `cutoff` (epoch ms); returns how many were removed. */
export function purgeFinishedBefore(db: Database.Database, cutoff: number): number {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS purge_keys (key INTEGER PRIMARY KEY)');
  const pick = db.prepare(
    `INSERT INTO purge_keys (key) SELECT key FROM process_instances
     WHERE end_date IS NOT NULL AND end_date < ? ORDER BY end_date LIMIT ${CHUNK}`,
  );
  const definitions = db.prepare(
    'SELECT DISTINCT process_definition_key AS key FROM process_instances WHERE key IN (SELECT key FROM purge_keys)',
  );
  const deletes = DEPENDENT_DELETES.map((sql) => db.prepare(sql));
  const touched = new Set<number>();
  let removed = 0;
  for (;;) {
    const n = db.transaction(() => {
      db.exec('DELETE FROM purge_keys');
      const picked = pick.run(cutoff).changes;
      for (const row of definitions.all() as { key: number }[]) touched.add(row.key);
      for (const d of deletes) d.run();
      return picked;
    })();
    removed += n;
    if (n < CHUNK) break;
  }
  if (touched.size > 0) recount(db, [...touched]);
  return removed;
}

/** Recounts the diagram counters of the given definitions from their element instances. */
export function recount(db: Database.Database, definitionKeys: number[]): void {
  const clear = db.prepare('DELETE FROM element_statistics WHERE process_definition_key = ?');
  const fill = db.prepare(
    `INSERT INTO element_statistics (process_definition_key, element_id, active, completed, canceled, incidents)
     SELECT process_definition_key, element_id,
       SUM(state = 'ACTIVE' AND incidents = 0), SUM(state = 'COMPLETED'),
       SUM(state = 'TERMINATED'), SUM(state = 'ACTIVE' AND incidents > 0)
     FROM element_instances WHERE process_definition_key = ?
     GROUP BY process_definition_key, element_id`,
  );
  db.transaction(() => {
    for (const key of definitionKeys) {
      clear.run(key);
      fill.run(key);
    }
  })();
}
