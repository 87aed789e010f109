import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { simpleParser, type EmailAddress } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { mailboxPage, messagePage, notFoundPage } from './mailbox-pages.js';

/** One email the sink received. `to` holds the envelope recipients, so Bcc recipients are included. */
export type StoredMessage = {
  id: string;
  messageId?: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
  receivedAt: string;
};

export type SmtpSink = {
  smtpPort: number;
  httpPort: number;
  /** The mailbox page, e.g. http://127.0.0.1:8025 (no trailing slash). */
  url: string;
  /** Received messages, oldest first. */
  messages(): StoredMessage[];
  /** Resolves with the first message, already received or still to come, that matches. */
  waitFor(predicate: (m: StoredMessage) => boolean, timeoutMs?: number): Promise<StoredMessage>;
  clear(): void;
  close(): Promise<void>;
};

export type SmtpSinkOptions = {
  /** 0 picks a free port; the chosen one is returned. */
  smtpPort: number;
  /** 0 picks a free port; the chosen one is returned. */
  httpPort: number;
  host?: string;
  maxMessages?: number;
};

const DEFAULT_MAX_MESSAGES = 500;
const DEFAULT_WAIT_MS = 10_000;
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

type Waiter = { predicate: (m: StoredMessage) => boolean; resolve: (m: StoredMessage) => void; reject: (e: Error) => void };

/**
 * A development SMTP server that keeps mail in memory and shows it on a web page, standing in
 * for a real mail server when SMTP_URL is unset. Accepts any sender, recipient and credentials.
 */
export async function startSmtpSink(options: SmtpSinkOptions): Promise<SmtpSink> {
  const host = options.host ?? '127.0.0.1';
  const maxMessages = options.maxMessages ?? DEFAULT_MAX_MESSAGES;
  let stored: StoredMessage[] = [];
  const waiters = new Set<Waiter>();

  function store(message: StoredMessage): void {
    stored.push(message);
    if (stored.length > maxMessages) stored = stored.slice(stored.length - maxMessages);
    for (const waiter of waiters) {
      if (waiter.predicate(message)) {
        waiters.delete(waiter);
        waiter.resolve(message);
      }
    }
  }

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: MAX_MESSAGE_BYTES,
    closeTimeout: 1000,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          if (stream.sizeExceeded) {
            callback(Object.assign(new Error('Message exceeds the size limit'), { responseCode: 552 }));
            return;
          }
          const envelopeFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
          store({
            id: randomUUID(),
            ...(parsed.messageId === undefined ? {} : { messageId: parsed.messageId }),
            from: shownSender(parsed.from?.value[0]) ?? envelopeFrom,
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            ...(parsed.html === false ? {} : { html: parsed.html }),
            receivedAt: new Date().toISOString(),
          });
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  // Clients that drop the connection surface here; without a listener they would crash the process.
  smtp.on('error', () => undefined);

  const web = http.createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://mailbox');
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (pathname === '/api/messages' && request.method === 'GET') {
      send(200, 'application/json', JSON.stringify(stored));
    } else if (pathname === '/api/messages' && request.method === 'DELETE') {
      stored = [];
      response.writeHead(204).end();
    } else if (pathname.startsWith('/api/')) {
      send(404, 'application/json', JSON.stringify({ error: { code: 'NOT_FOUND', message: 'Not found' } }));
    } else if (pathname === '/' && request.method === 'GET') {
      send(200, 'text/html', mailboxPage([...stored].reverse()));
    } else {
      const id = /^\/messages\/([^/]+)$/.exec(pathname)?.[1];
      const message = id === undefined ? undefined : stored.find((m) => m.id === decodeURIComponent(id));
      if (message && request.method === 'GET') send(200, 'text/html', messagePage(message));
      else send(404, 'text/html', notFoundPage());
    }
  });

  const smtpPort = await listen(smtp.server, options.smtpPort, host);
  let httpPort: number;
  try {
    httpPort = await listen(web, options.httpPort, host);
  } catch (error) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw error;
  }
  const browserHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;

  return {
    smtpPort,
    httpPort,
    url: `http://${browserHost}:${httpPort}`,
    messages: () => [...stored],
    waitFor(predicate, timeoutMs = DEFAULT_WAIT_MS) {
      const found = stored.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<StoredMessage>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching email arrived within ${timeoutMs} ms (${stored.length} in the mailbox)`));
        }, timeoutMs);
        const waiter: Waiter = {
          predicate,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        };
        waiters.add(waiter);
      });
    },
    clear() {
      stored = [];
    },
    async close() {
      for (const waiter of waiters) waiter.reject(new Error('SMTP sink closed'));
      waiters.clear();
      web.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => web.close(() => resolve())),
        new Promise<void>((resolve) => smtp.close(() => resolve())),
      ]);
    },
  };
}

function shownSender(sender: EmailAddress | undefined): string | undefined {
  if (!sender?.address) return undefined;
  return sender.name ? `${sender.name} <${sender.address}>` : sender.address;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
