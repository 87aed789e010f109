import type { StoredMessage } from './smtp-sink.js';

/** HTML pages of the development mailbox: what a developer clicks through to follow task links. */

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1f2933; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #d9e2ec; vertical-align: top; }
  th { background: #f0f4f8; }
  pre { white-space: pre-wrap; word-break: break-word; background: #f0f4f8; padding: 1rem; }
  iframe { width: 100%; height: 32rem; border: 1px solid #d9e2ec; }
  dt { font-weight: 600; } dd { margin: 0 0 .4rem 0; }
`;

const timeFormat = new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Asia/Makassar' });

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}</body>
</html>`;
}

function shownTime(iso: string): string {
  return `${timeFormat.format(new Date(iso))} WITA`;
}

/** Escapes plain text and turns web addresses into links, so task links in text mail can be clicked. */
function linkify(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"']+)/g)
    .map((part, index) => (index % 2 === 1 ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>` : escapeHtml(part)))
    .join('');
}

export function mailboxPage(messagesNewestFirst: readonly StoredMessage[]): string {
  const rows = messagesNewestFirst
    .map(
      (m) => `<tr>
  <td>${escapeHtml(m.to.join(', '))}</td>
  <td><a href="/messages/${encodeURIComponent(m.id)}">${escapeHtml(m.subject || '(tanpa subjek)')}</a></td>
  <td>${escapeHtml(shownTime(m.receivedAt))}</td>
</tr>`,
    )
    .join('\n');
  const content =
    messagesNewestFirst.length === 0
      ? '<p>Belum ada surel.</p>'
      : `<table>
<thead><tr><th>Kepada</th><th>Subjek</th><th>Diterima</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  return page(
    'Kotak surat pengembangan',
    `<h1>Kotak surat pengembangan</h1>
<p>Surel yang dikirim sistem selama pengembangan; tidak ada yang benar-benar terkirim. ${messagesNewestFirst.length} surel, terbaru di atas. <a href="/">Muat ulang</a></p>
${content}`,
  );
}

export function messagePage(message: StoredMessage): string {
  // The sandbox keeps the mail's own scripts and forms inert; links open in the top window so task pages work.
  const html =
    message.html === undefined
      ? ''
      : `<h2>Isi HTML</h2>
<iframe title="Isi HTML" sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" srcdoc="${escapeHtml(`<base target="_top">${message.html}`)}"></iframe>`;
  return page(
    message.subject || '(tanpa subjek)',
    `<p><a href="/">&larr; Kembali ke kotak surat</a></p>
<h1>${escapeHtml(message.subject || '(tanpa subjek)')}</h1>
<dl>
  <dt>Dari</dt><dd>${escapeHtml(message.from)}</dd>
  <dt>Kepada</dt><dd>${escapeHtml(message.to.join(', '))}</dd>
  <dt>Diterima</dt><dd>${escapeHtml(shownTime(message.receivedAt))}</dd>
</dl>
<h2>Isi teks</h2>
<pre>${linkify(message.text)}</pre>
${html}`,
  );
}

export function notFoundPage(): string {
  return page('Surel tidak ditemukan', '<h1>Surel tidak ditemukan</h1><p><a href="/">Kembali ke kotak surat</a></p>');
}
