// `npm run db:seed` (and `prisma db seed`): migrates the database DATABASE_URL names and seeds the reference
// data and the admin account.
import { runSeed } from '../domain/seed/commands';

runSeed().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
