import { escapeHtml } from './format.js';
import type { EmailLanguage } from './language.js';

/** The parts every task email is made of; `renderEmail` turns them into matching HTML and plain text. */
export interface EmailContent {
  language?: EmailLanguage;
  subject: string;
  greeting: string;
  paragraphs: string[];
  facts: { label: string; value: string }[];
  action?: { label: string; url: string; note: string };
  /** Further personal links under the action, e.g. the officer's list of open tasks. */
  links?: { label: string; url: string }[];
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const CHROME: Record<EmailLanguage, { footer: string; header: string; buttonFallback: string }> = {
  id: {
    header: 'ATS Kabupaten Kutai Timur',
    footer: 'Email ini dikirim otomatis oleh Sistem Penanganan Anak Tidak Sekolah (ATS) Kabupaten Kutai Timur. Mohon tidak membalas email ini.',
    buttonFallback: 'Jika tombol tidak berfungsi, salin alamat ini ke peramban:',
  },
  en: {
    header: 'ATS Kutai Timur Regency',
    footer: 'This email was sent automatically by the Out-of-School Children (ATS) system of Kutai Timur Regency. Please do not reply to it.',
    buttonFallback: 'If the button does not work, copy this address into your browser:',
  },
};

// Mail clients strip <style> blocks and block remote images, so styles are inline and there are no assets.
const STYLE = {
  body: 'margin:0;padding:0;background:#f3f4f6;',
  frame: 'width:100%;max-width:600px;margin:0 auto;background:#ffffff;font-family:Arial,Helvetica,sans-serif;color:#1f2937;font-size:15px;line-height:1.5;',
  header: 'background:#14532d;color:#ffffff;padding:16px 24px;font-size:17px;font-weight:bold;',
  content: 'padding:24px;',
  paragraph: 'margin:0 0 16px 0;',
  facts: 'border-collapse:collapse;margin:0 0 20px 0;',
  factLabel: 'padding:4px 16px 4px 0;color:#4b5563;vertical-align:top;white-space:nowrap;',
  factValue: 'padding:4px 0;font-weight:bold;vertical-align:top;',
  button: 'display:inline-block;background:#15803d;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:4px;font-weight:bold;',
  link: 'color:#15803d;word-break:break-all;',
  note: 'margin:16px 0 0 0;font-size:13px;color:#4b5563;',
  footer: 'padding:16px 24px;font-size:12px;color:#6b7280;border-top:1px solid #e5e7eb;',
} as const;

export function renderEmail(content: EmailContent): RenderedEmail {
  return { subject: content.subject, text: renderText(content), html: renderHtml(content) };
}

function chromeOf(content: EmailContent) {
  return CHROME[content.language ?? 'id'];
}

function renderText(content: EmailContent): string {
  const labelWidth = Math.max(...content.facts.map((f) => f.label.length));
  const lines = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...content.facts.map((f) => `  ${f.label.padEnd(labelWidth)} : ${f.value}`),
    '',
  ];
  if (content.action) lines.push(`${content.action.label}:`, content.action.url, '', content.action.note, '');
  for (const link of content.links ?? []) lines.push(`${link.label}:`, link.url, '');
  lines.push('-- ', chromeOf(content).footer);
  return lines.join('\n');
}

function renderHtml(content: EmailContent): string {
  const chrome = chromeOf(content);
  const paragraphs = content.paragraphs.map((p) => `<p style="${STYLE.paragraph}">${escapeHtml(p)}</p>`).join('\n');
  const facts = content.facts
    .map((f) => `<tr><td style="${STYLE.factLabel}">${escapeHtml(f.label)}</td><td style="${STYLE.factValue}">${escapeHtml(f.value)}</td></tr>`)
    .join('\n');
  const action = content.action
    ? `<p style="${STYLE.paragraph}"><a href="${escapeHtml(content.action.url)}" style="${STYLE.button}">${escapeHtml(content.action.label)}</a></p>
<p style="${STYLE.note}">${escapeHtml(chrome.buttonFallback)} <a href="${escapeHtml(content.action.url)}" style="${STYLE.link}">${escapeHtml(content.action.url)}</a></p>
<p style="${STYLE.note}">${escapeHtml(content.action.note)}</p>`
    : '';
  const links = (content.links ?? [])
    .map((link) => `<p style="${STYLE.note}">${escapeHtml(link.label)}: <a href="${escapeHtml(link.url)}" style="${STYLE.link}">${escapeHtml(link.url)}</a></p>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${content.language ?? 'id'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(content.subject)}</title></head>
<body style="${STYLE.body}">
<div style="${STYLE.frame}">
<div style="${STYLE.header}">${escapeHtml(chrome.header)}</div>
<div style="${STYLE.content}">
<p style="${STYLE.paragraph}">${escapeHtml(content.greeting)}</p>
${paragraphs}
<table role="presentation" style="${STYLE.facts}">
${facts}
</table>
${action}
${links}
</div>
<div style="${STYLE.footer}">${escapeHtml(chrome.footer)}</div>
</div>
</body>
</html>
`;
}
