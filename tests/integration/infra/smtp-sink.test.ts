import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink, type StoredMessage } from '../../../infra/smtp-sink.js';

describe('development mailbox (SMTP sink)', () => {
  let sink: SmtpSink;
  let transport: Transporter;

  beforeAll(async () => {
    sink = await startSmtpSink({ smtpPort: 0, httpPort: 0, maxMessages: 3 });
    transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink.smtpPort, secure: false });
  });
  afterAll(async () => {
    transport.close();
    await sink.close();
  });
  beforeEach(() => sink.clear());

  const sendTaskEmail = (to: string, subject: string) =>
    transport.sendMail({
      from: 'ATS Kutai Timur <no-reply@ats.kutaitimurkab.go.id>',
      to,
      subject,
      text: 'Silakan buka tugas: http://localhost:3000/tasks/abc123',
      html: '<p>Silakan buka <a href="http://localhost:3000/tasks/abc123">tugas Anda</a>.</p>',
    });

  it('listens on the free ports it was given 0 for', () => {
    expect(sink.smtpPort).toBeGreaterThan(0);
    expect(sink.httpPort).toBeGreaterThan(0);
    expect(sink.url).toBe(`http://127.0.0.1:${sink.httpPort}`);
  });

  it('keeps a sent task email with its sender, recipients, subject and both bodies', async () => {
    const info = await sendTaskEmail('petugas.desa@example.id', 'Tugas baru: verifikasi data anak');

    const [message] = sink.messages();
    expect(message).toMatchObject({
      messageId: info.messageId,
      from: 'ATS Kutai Timur <no-reply@ats.kutaitimurkab.go.id>',
      to: ['petugas.desa@example.id'],
      subject: 'Tugas baru: verifikasi data anak',
    });
    expect(message!.text).toContain('http://localhost:3000/tasks/abc123');
    expect(message!.html).toContain('<a href="http://localhost:3000/tasks/abc123">');
    expect(Date.parse(message!.receivedAt)).not.toBeNaN();
  });

  it('lists the messages as JSON and empties the mailbox on DELETE', async () => {
    await sendTaskEmail('petugas.desa@example.id', 'Pengingat tugas');

    const listed = (await (await fetch(`${sink.url}/api/messages`)).json()) as StoredMessage[];
    expect(listed.map((m) => m.subject)).toEqual(['Pengingat tugas']);

    const deleted = await fetch(`${sink.url}/api/messages`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(sink.messages()).toEqual([]);
  });

  it('shows a mailbox page, newest first, linking to each message with its clickable task link', async () => {
    await sendTaskEmail('pertama@example.id', 'Surel pertama');
    await sendTaskEmail('kedua@example.id', 'Surel <kedua>');

    const page = await (await fetch(sink.url)).text();
    expect(page).toContain('Kotak surat pengembangan');
    expect(page).toContain('kedua@example.id');
    expect(page).toContain('Surel &lt;kedua&gt;');
    expect(page.indexOf('Surel &lt;kedua&gt;')).toBeLessThan(page.indexOf('Surel pertama'));

    const newest = sink.messages()[1]!;
    expect(page).toContain(`href="/messages/${newest.id}"`);
    const detail = await (await fetch(`${sink.url}/messages/${newest.id}`)).text();
    expect(detail).toContain('<a href="http://localhost:3000/tasks/abc123">http://localhost:3000/tasks/abc123</a>');
    expect(detail).toMatch(/<iframe[^>]*sandbox="[^"]*"[^>]*srcdoc="[^"]*tugas Anda/);
  });

  it('answers 404 for a message that is not there', async () => {
    const response = await fetch(`${sink.url}/messages/tidak-ada`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Surel tidak ditemukan');
  });

  it('waits for a message that has not arrived yet, and for one already there', async () => {
    const awaited = sink.waitFor((m) => m.to.includes('kepala.sekolah@example.id'), 5000);
    await sendTaskEmail('kepala.sekolah@example.id', 'Eskalasi tugas');
    await expect(awaited).resolves.toMatchObject({ subject: 'Eskalasi tugas' });

    await expect(sink.waitFor((m) => m.subject === 'Eskalasi tugas', 10)).resolves.toMatchObject({
      to: ['kepala.sekolah@example.id'],
    });
  });

  it('gives up waiting with a clear error after the timeout', async () => {
    await expect(sink.waitFor((m) => m.subject === 'tidak pernah dikirim', 50)).rejects.toThrow(
      /No matching email arrived within 50 ms/,
    );
  });

  it('keeps only the newest messages beyond its limit', async () => {
    for (const n of [1, 2, 3, 4]) await sendTaskEmail('petugas@example.id', `Surel ${n}`);
    expect(sink.messages().map((m) => m.subject)).toEqual(['Surel 2', 'Surel 3', 'Surel 4']);
  });

  it('accepts senders that log in, as a real mail server would ask them to', async () => {
    const authenticated = nodemailer.createTransport({
      host: '127.0.0.1',
      port: sink.smtpPort,
      secure: false,
      auth: { user: 'ats', pass: 'rahasia' },
    });
    await authenticated.sendMail({ from: 'no-reply@example.id', to: 'petugas@example.id', subject: 'Dengan login', text: 'x' });
    authenticated.close();
    expect(sink.messages().map((m) => m.subject)).toEqual(['Dengan login']);
  });
});
