// Runs a long-lived part until SIGTERM or SIGINT, then stops it cleanly and exits (a second signal exits at once).
import type { Logger } from '../../domain/log';

export function stopOnSignal(log: Logger, stop: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        log.error(`${signal} again: exiting without waiting for the shutdown`);
        process.exit(1);
      }
      stopping = true;
      log.info(`${signal} received: shutting down`);
      stop().then(
        () => {
          log.info('stopped');
          resolve();
        },
        (e: unknown) => {
          log.error('shutdown failed', { error: e });
          process.exitCode = 1;
          resolve();
        },
      );
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }).then(() => {
    // Nothing left behind (client channels, timers) may keep the process alive.
    process.exit(process.exitCode ?? 0);
  });
}
