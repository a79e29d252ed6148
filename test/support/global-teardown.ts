// Jest global teardown: stops the PostgreSQL server that global-setup.ts started.
export default async function globalTeardown(): Promise<void> {
  await globalThis.zhuanbanPostgres?.stop();
  globalThis.zhuanbanPostgres = undefined;
}
