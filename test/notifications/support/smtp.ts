// A real SMTP server on loopback for the mail tests (smtp-server): keeps every message it accepted, parsed by
// mailparser, with its SMTP envelope; can be stopped and started again on the same port (the server was down,
// then came back) and can be told to refuse messages with a given reply code.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface Received {
  envelope: { from: string; to: string[] };
  raw: string;
  mail: ParsedMail;
}

export interface TestSmtp {
  readonly port: number;
  readonly url: string;
  readonly received: Received[];
  /** Refuse DATA with this reply code (e.g. 451 temporary, 550 permanent); undefined accepts again. */
  refuseWith: number | undefined;
  stop(): Promise<void>;
  start(): Promise<void>;
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const received: Received[] = [];
  let server: SMTPServer | undefined;
  let port = 0;
  const state = { refuseWith: undefined as number | undefined };

  const listen = async (wanted: number) => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (state.refuseWith) {
            const error = Object.assign(new Error(`refused for the test (${state.refuseWith})`), {
              responseCode: state.refuseWith,
            });
            callback(error);
            return;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw).then(
            (mail) => {
              received.push({
                envelope: {
                  from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                  to: session.envelope.rcptTo.map((r) => r.address),
                },
                raw,
                mail,
              });
              callback();
            },
            (e: Error) => callback(e),
          );
        });
      },
    });
    const s = server;
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(wanted, '127.0.0.1', () => resolve());
    });
    port = (s.server.address() as AddressInfo).port;
  };
  await listen(0);

  return {
    get port() {
      return port;
    },
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    received,
    get refuseWith() {
      return state.refuseWith;
    },
    set refuseWith(code: number | undefined) {
      state.refuseWith = code;
    },
    async stop() {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    async start() {
      if (!server) await listen(port);
    },
    async waitFor(count, timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} mails, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return received;
    },
  };
}
