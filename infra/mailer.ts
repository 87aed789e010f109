import nodemailer from 'nodemailer';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Set by the caller so that a resent email keeps its identity (`<…@…>`). */
  messageId: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  /**
   * Hands the email to the mail server. Throws `UndeliverableEmailError` when the server refuses
   * the recipient for good; any other error is worth trying again.
   */
  send(message: OutgoingEmail): Promise<void>;
}

/** The mail server refused the recipient with a permanent (5xx) reply: retrying will not help. */
export class UndeliverableEmailError extends Error {
  override readonly name = 'UndeliverableEmailError';
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

export function createSmtpMailer(options: { smtpUrl: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    async send(message) {
      try {
        await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          headers: { 'Auto-Submitted': 'auto-generated', ...message.headers },
        });
      } catch (error) {
        throw asUndeliverable(error) ?? error;
      }
    },
  };
}

interface SmtpError {
  code?: string;
  command?: string;
  responseCode?: number;
}

function asUndeliverable(error: unknown): UndeliverableEmailError | undefined {
  const { code, command, responseCode } = (error ?? {}) as SmtpError;
  const recipientRefused = code === 'EENVELOPE' && command === 'RCPT TO';
  if (!recipientRefused || responseCode === undefined || responseCode < 500 || responseCode > 599) return undefined;
  return new UndeliverableEmailError(responseCode, `The mail server refused the recipient (SMTP ${responseCode})`);
}
