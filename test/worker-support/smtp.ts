// A real SMTP server (smtp-server) that records what it accepts, and can refuse or stall on demand.
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { freePort } from './redis.js';

export interface ReceivedMail {
  key: string;
  /** Envelope recipients, sorted. */
  rcpt: string[];
  subject: string;
  raw: string;
  /** Whatever the test's clock said when the message was accepted. */
  at: Date;
}

export interface TestSmtp {
  url: string;
  received: ReceivedMail[];
  /** While true, MAIL FROM is answered with 421 (server unavailable). */
  refuse: boolean;
  /** Called before a message is accepted; return false to drop the connection without accepting. */
  beforeAccept?: (count: number) => boolean | Promise<boolean>;
  refusals: number;
  stop(): Promise<void>;
}

/** Decodes RFC 2047 encoded words (=?UTF-8?B?...?= / =?UTF-8?Q?...?=) of a header value. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );
}

export function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? decodeHeader(line.slice(name.length + 1).trim()) : '';
}

export async function startSmtp(now: () => Date): Promise<TestSmtp> {
  const port = await freePort();
  const state: TestSmtp = {
    url: `smtp://127.0.0.1:${port}`,
    received: [],
    refuse: false,
    refusals: 0,
    stop: async () => undefined,
  };
  let offered = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (state.refuse) {
        state.refusals++;
        const error = Object.assign(new Error('Service not available, try again later'), { responseCode: 421 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        offered++;
        const accept = state.beforeAccept ? await state.beforeAccept(offered) : true;
        if (!accept) return; // never answer: the sender dies or times out, the mail is not accepted
        const raw = Buffer.concat(chunks).toString('utf8');
        const key = header(raw, 'Message-ID').replace(/^<|@duban>$/g, '');
        state.received.push({ key, rcpt: session.envelope.rcptTo.map((r) => r.address).sort(), subject: header(raw, 'Subject'), raw, at: now() });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  state.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
