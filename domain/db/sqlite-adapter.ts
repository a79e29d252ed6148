// The SQLite driver adapter with write transactions that take the database's write lock when they begin.
// The stock adapter opens every interactive transaction with a deferred BEGIN: a transaction that reads and then
// writes (most of ours: look up a unit, then insert) fails at once with SQLITE_BUSY — surfaced by Prisma as
// "Operation has timed out" — when another process (the workers beside `zhuanban web`, say) committed in between,
// because SQLite cannot upgrade a WAL read snapshot that has gone stale, and the busy timeout does not apply to
// that case. BEGIN IMMEDIATE waits (up to the busy timeout) for the lock instead, so transactions of separate
// processes queue rather than fail. Within one process the adapter already runs transactions one at a time.
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import type Database from 'better-sqlite3';

type Factory = InstanceType<typeof PrismaBetterSQLite3>;
type Adapter = Awaited<ReturnType<Factory['connect']>> & { client: Database.Database };

export function immediateTransactions(factory: Factory): Factory {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = (await connect()) as Adapter;
    const client = adapter.client;
    const prepare = client.prepare.bind(client);
    client.prepare = ((sql: string) =>
      prepare(sql === 'BEGIN' ? 'BEGIN IMMEDIATE' : sql)) as typeof client.prepare;
    return adapter;
  };
  return factory;
}
