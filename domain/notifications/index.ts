// Notifications: templates render zh-CN mails, the outbox stores them (idempotency key, same transaction as the
// change they report), the dispatcher delivers them over SMTP when SMTP_URL is set; a unit's group-chat robot
// gets a copy of reminders, escalations and new tasks through the same outbox (chat/).
export * from './types';
export * from './templates';
export { composeMail, mailSettingsFromEnv, messageIdFor, type MailSettings } from './compose';
export { enqueueMail, createMailer, type Mailer, type Enqueued } from './outbox';
export {
  startOutboxDispatcher,
  backoffDelay,
  type OutboxDispatcher,
  type DispatcherOptions,
} from './dispatcher';
export { smtpTransport, transportFromEnv, type MailTransport } from './transport';
export { startChatDispatcher, type ChatDispatcherOptions } from './chat/dispatcher';
export { chatPlatforms, platformNames, type ChatPlatform } from './chat/platforms';
export { buildInvitation, type CalendarInvitation, type CalendarPerson } from './ics';
export { unitAddressees, roleAddressees, addresses, type Addressee } from './recipients';
