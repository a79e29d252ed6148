// The table of sub-commands. Each lives in its own file and loads its heavy modules inside run(),
// so `zhuanban <command>` starts only what that command needs.
import * as engine from './engine';
import * as migrate from './migrate';
import * as seed from './seed';
import * as demo from './demo';
import * as web from './web';

export interface Command {
  summary: string;
  run(args: string[]): Promise<void>;
}

export const commands: Record<string, Command> = {
  engine,
  migrate,
  seed,
  demo,
  web,
};
