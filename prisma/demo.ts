// `npm run demo`: migrates and seeds the database DATABASE_URL names, then adds the invented demo users for
// every role and unit and the demo records (README.md lists the users).
import { runDemo } from '../domain/seed/commands';

runDemo().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
