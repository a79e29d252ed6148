// The `zhuanban` command: one sub-command per part of the system, each in cli/commands/<name>.ts.
import { commands } from './commands';
import { UsageError } from './commands/args';
import { ConfigError, assertConfig } from '../domain/config/load';

export async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    const list = Object.entries(commands)
      .map(([n, c]) => `  ${n.padEnd(10)} ${c.summary}`)
      .join('\n');
    console.error(`usage: zhuanban <command> [options]\n\ncommands:\n${list}`);
    process.exitCode = name ? 2 : 0;
    return;
  }
  try {
    // Every command checks the whole configuration first and names every wrong value at once.
    if (name !== 'config') assertConfig();
    await command.run(rest);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`zhuanban ${name}: ${e.message}`);
      process.exitCode = 2;
      return;
    }
    console.error(`zhuanban ${name}: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = e instanceof UsageError ? 2 : 1;
  }
}
