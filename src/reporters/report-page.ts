// The shell every HTML report shares: one self-contained page (inline CSS, no scripts, a CSP that forbids
// them anyway), status chips and safe links.
import { html, trusted, type SafeHtml } from './html-template.js';

const STYLE = trusted(`
:root { --pass:#1b7f3b; --fail:#b42318; --warn:#a15c00; --info:#175cd3; --skip:#5b6470; --waived:#6941c6; --error:#9f1239; --line:#d0d5dd; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:#1d2939; margin:0; background:#f9fafb; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 48px; background:#fff; }
main.wide { max-width: none; }
h1 { font-size: 1.6rem; margin: 0 0 4px; } h2 { font-size: 1.25rem; margin: 32px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1.05rem; margin: 20px 0 6px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: 5px 8px; overflow-wrap: anywhere; }
table.checks { table-layout: fixed; }
th { background: #f2f4f7; font-weight: 600; }
table.meta th { width: 170px; background: none; }
code, pre { font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #f2f4f7; padding: 8px 10px; border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; margin: 4px 0 10px; max-height: 480px; overflow: auto; }
.status { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: .8rem; font-weight: 600; color: #fff; white-space: nowrap; }
.s-pass, .s-passed, .s-claimed-passing { background: var(--pass); } .s-fail, .s-failed, .s-claimed-failing { background: var(--fail); }
.s-warn, .s-warned { background: var(--warn); } .s-info { background: var(--info); } .s-skip, .s-skipped, .s-not-claimed, .s-claim-unknown, .s-claimed-untested, .s-uncovered { background: var(--skip); }
.s-waived { background: var(--waived); } .s-error { background: var(--error); }
.verdict { border-radius: 6px; padding: 12px 16px; margin: 16px 0; color: #fff; }
.verdict strong { font-size: 1.2rem; display: block; }
.v-pass { background: var(--pass); } .v-warn { background: var(--warn); } .v-fail { background: var(--fail); } .v-skip, .v-incomplete { background: var(--skip); }
.card { border: 1px solid var(--line); border-left: 5px solid var(--fail); border-radius: 4px; padding: 8px 14px; margin: 12px 0; }
.card.warned { border-left-color: var(--warn); } .card.error { border-left-color: var(--error); }
.muted { color: #667085; } .small { font-size: .85rem; }
.warnings li { color: var(--warn); }
details > summary { cursor: pointer; font-weight: 600; }
a { color: #175cd3; }
nav.contents a { margin-right: 14px; }
@media print {
  body { background: #fff; font-size: 11pt; } main { max-width: none; padding: 0; }
  .card, tr { break-inside: avoid; } h2 { break-after: avoid; }
  pre { max-height: none; overflow: visible; font-size: 8.5pt; }
  .status, .verdict { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  nav.contents { display: none; }
}
`);

/** Only http(s) links are rendered as links; anything else is shown as text. */
export function link(url: string, text: string): SafeHtml {
  return /^https?:\/\//i.test(url) ? html`<a href="${url}">${text}</a>` : html`${text}`;
}

/** A coloured status label; `status` picks the colour (class s-<status>). */
export function chip(status: string, label = status): SafeHtml {
  return html`<span class="status s-${status}">${label}</span>`;
}

/** `wide`: use the whole window (the matrix grows with the number of sites). */
export function reportPage(title: string, body: SafeHtml, options: { wide?: boolean } = {}): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta
          http-equiv="Content-Security-Policy"
          content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        <main class="${options.wide ? 'wide' : ''}">${body}</main>
      </body>
    </html>`.value;
}
