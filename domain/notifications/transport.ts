// Where stored mails go: an SMTP server named by SMTP_URL (smtp://user:pass@host:587, smtps://… for TLS), or
// nowhere — without SMTP_URL mails stay in the outbox, where the UI shows them.
import nodemailer from 'nodemailer';

export interface SendResult {
  response: string;
}

export interface MailTransport {
  /** Sends the stored message bytes unchanged to the given envelope. */
  send(envelope: { from: string; to: string[] }, raw: string): Promise<SendResult>;
  /** Where it sends, for the logs (no credentials). */
  describe(): string;
  close(): void;
}

/** The SMTP failure kinds the dispatcher treats differently: 5xx replies will not succeed on retry. */
export function isPermanentSmtpError(e: unknown): boolean {
  const code = (e as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** The longest a send may wait on the server at each stage; the delivery loop's lease is longer than their sum. */
export const smtpTimeouts = {
  connectionTimeout: 15_000,
  greetingTimeout: 15_000,
  socketTimeout: 30_000,
} as const;

export function smtpTransport(
  url: string,
  timeouts: typeof smtpTimeouts | Record<keyof typeof smtpTimeouts, number> = smtpTimeouts,
): MailTransport {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('SMTP_URL must be a URL such as smtp://host:25 or smtps://user:pass@host:465');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:')
    throw new Error(`SMTP_URL must start with smtp:// or smtps://, got '${parsed.protocol}'`);
  // Bounded waits, so a send ends (sent or failed) well inside the outbox lease: nodemailer's defaults (2 min to
  // connect, 10 min of silence) would let a hung server hold a message past the lease and have it sent twice.
  const transport = nodemailer.createTransport({ url, ...timeouts });
  return {
    async send(envelope, raw) {
      const info = await transport.sendMail({ envelope, raw });
      return { response: String(info.response ?? '') };
    },
    describe: () =>
      `${parsed.protocol}//${parsed.hostname}:${parsed.port || (parsed.protocol === 'smtps:' ? 465 : 25)}`,
    close: () => transport.close(),
  };
}

/** The transport SMTP_URL asks for, or undefined when mails are to stay in the outbox. */
export function transportFromEnv(env: NodeJS.ProcessEnv = process.env): MailTransport | undefined {
  const url = env.SMTP_URL?.trim();
  return url ? smtpTransport(url) : undefined;
}
