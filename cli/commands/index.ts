// The table of sub-commands. Each lives in its own file and loads its heavy modules inside run(),
// so `zhuanban <command>` starts only what that command needs.
import * as engine from './engine';
import * as migrate from './migrate';
import * as seed from './seed';
import * as demo from './demo';
import * as web from './web';
import * as all from './all';
import * as workers from './workers';
import * as scheduler from './scheduler';
import * as deploy from './deploy';
import * as config from './config';
import * as backup from './backup';
import * as restore from './restore';

export interface Command {
  summary: string;
  run(args: string[]): Promise<void>;
}

export const commands: Record<string, Command> = {
  all,
  engine,
  migrate,
  seed,
  demo,
  web,
  workers,
  scheduler,
  deploy,
  config,
  backup,
  restore,
};
