// The `zhuanban` command: one sub-command per part of the system, each in cli/commands/<name>.ts.
import { commands } from './commands';
import { UsageError } from './commands/args';

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
    await command.run(rest);
  } catch (e) {
    console.error(`zhuanban ${name}: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = e instanceof UsageError ? 2 : 1;
  }
}
