// `zhuanban config`: the effective configuration — every variable zhuanban reads, its value (secrets masked) or
// default — and every problem with it, one line each. Exits 1 when a value is wrong, so a deployment can check
// its settings before it starts anything.
import { checkConfig, describeConfig } from '../../domain/config/load';

export const summary = 'print the effective configuration (secrets masked) and any problem with it';

export async function run(): Promise<void> {
  console.log(describeConfig());
  const { problems } = checkConfig();
  if (problems.length) {
    console.error(`\n${problems.length} problem${problems.length === 1 ? '' : 's'}:`);
    for (const p of problems) console.error(`  ${p.name}: ${p.message}`);
    process.exitCode = 1;
  }
}
