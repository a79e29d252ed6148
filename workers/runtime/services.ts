// The services handlers get, built by one factory: the shared database client (one per process — SQLite
// allows no second one), the mail outbox, the clock and a logger. Tests build them with their own database,
// a fixed clock and a log sink.
import type { Db } from '../../domain/db/client';
import { systemClock, type Clock } from '../../domain/clock';
import { createLogger, type Logger } from '../../domain/log';
import { mailSettingsFromEnv, type MailSettings } from '../../domain/notifications/compose';
import { createMailer, type Mailer } from '../../domain/notifications/outbox';

export interface Services {
  db: Db;
  mail: Mailer;
  clock: Clock;
  log: Logger;
  mailSettings: MailSettings;
}

export interface ServiceDeps {
  db: Db;
  clock?: Clock;
  mailSettings?: MailSettings;
  log?: Logger;
}

export function createServices(deps: ServiceDeps): Services {
  const clock = deps.clock ?? systemClock;
  const mailSettings = deps.mailSettings ?? mailSettingsFromEnv();
  return {
    db: deps.db,
    clock,
    mailSettings,
    mail: createMailer(mailSettings, () => clock.now()),
    log: deps.log ?? createLogger('workers'),
  };
}
