// `npm run demo`: migrates and seeds the database DATABASE_URL names, then adds the invented demo users for
// every role and unit and the demo records (README.md lists the users), and — with the running system's engine
// named by ZEEBE_REST_ADDRESS — starts their processes and moves some of them along.
import { runDemo } from '../domain/seed/commands';
import { runDemoProcesses } from '../cli/demo/run-demo-processes';

runDemo()
  .then(() => runDemoProcesses())
  .catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  });
