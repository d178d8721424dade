import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { MailTarget } from '../shared/config.js';

export interface TransportMail {
  id: string;
  kind: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
  date: Date;
  messageId: string;
}

export interface MailTransport {
  /** Resolves when the mail was accepted (by the relay, or written); rejects with nodemailer's error otherwise. */
  send(mail: TransportMail): Promise<{ file?: string }>;
  close(): void;
}

/**
 * nodemailer over SMTP, or, for the demo and development (`SMTP_URL=file:DIR`), nodemailer's stream transport
 * writing the very bytes it would send as `DIR/<time>-<kind>-<id>.eml` (opens in any mail client).
 */
export function createMailTransport(target: MailTarget): MailTransport {
  if (target.kind === 'smtp') {
    const transporter = nodemailer.createTransport(target.url);
    return {
      async send(mail) {
        await transporter.sendMail(toNodemailer(mail));
        return {};
      },
      close: () => transporter.close(),
    };
  }
  const dir = resolve(target.dir);
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    async send(mail) {
      const info = await transporter.sendMail(toNodemailer(mail));
      mkdirSync(dir, { recursive: true });
      const stamp = mail.date.toISOString().replace(/[:.]/g, '-');
      const file = join(dir, `${stamp}-${mail.kind.replace(/[^a-z0-9.-]/gi, '_')}-${mail.id}.eml`);
      writeFileSync(file, info.message as Buffer);
      return { file };
    },
    close: () => transporter.close(),
  };
}

function toNodemailer(mail: TransportMail): SendMailOptions {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    headers: mail.headers,
    date: mail.date,
    messageId: mail.messageId,
  };
}
