// The shell every HTML report shares: one self-contained page (inline CSS, no scripts, a CSP that forbids
// them anyway), status chips and safe links.
import { html, trusted, type SafeHtml } from './html-template.js';

const STYLE = trusted(`
:root { --pass:#1b7f3b; --fail:#b42318; --warn:#a15c00; --info:#175cd3; --skip:#5b6470; --waived:#6941c6; --error:#9f1239; --line:#d0d5dd; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:#1d2939; margin:0; background:#f9fafb; overflow-wrap: break-word; }
main { max-width: 1100px; margin: 0 auto; padding: 20px 28px 48px; background:#fff; }
main.wide { max-width: none; }
h1 { font-size: 1.5rem; margin: 0 0 2px; } h2 { font-size: 1.25rem; margin: 28px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1.05rem; margin: 18px 0 6px; }
p { margin: 6px 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: 5px 8px; overflow-wrap: anywhere; }
table.checks { table-layout: fixed; }
th { background: #f2f4f7; font-weight: 600; }
table.meta th { width: 170px; background: none; }
table.reqs .c-id { width: 130px; } table.reqs .c-level { width: 70px; } table.reqs .c-result { width: 120px; } table.reqs .c-scen { width: 30%; }
code, pre { font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
code { overflow-wrap: anywhere; }
pre { background: #f2f4f7; padding: 8px 10px; border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; margin: 4px 0 10px; max-height: 480px; overflow: auto; }
.status { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: .8rem; font-weight: 600; color: #fff; white-space: nowrap; }
.s-pass, .s-passed, .s-claimed-passing { background: var(--pass); } .s-fail, .s-failed, .s-claimed-failing { background: var(--fail); }
.s-warn, .s-warned { background: var(--warn); } .s-info { background: var(--info); } .s-skip, .s-skipped, .s-not-claimed, .s-claim-unknown, .s-claimed-untested, .s-uncovered { background: var(--skip); }
.s-waived { background: var(--waived); } .s-error { background: var(--error); }
.target { margin: 0; color: #475467; } .faults { margin: 6px 0 0; padding: 6px 10px; background: #fffaeb; border-left: 4px solid var(--warn); }
.verdict { border-radius: 6px; padding: 10px 16px; margin: 12px 0 8px; color: #fff; }
.verdict strong { font-size: 1.25rem; display: block; }
.verdict .coverage { font-size: 1.1rem; font-weight: 600; }
.v-pass { background: var(--pass); } .v-warn { background: var(--warn); } .v-fail { background: var(--fail); } .v-skip, .v-incomplete { background: var(--skip); }
.summary figure { margin: 6px 0; } .summary figcaption { font-size: .9rem; }
.sum-row { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 4px 28px; }
svg.bar { display: block; width: 100%; height: 14px; border-radius: 3px; }
svg.key { width: 10px; height: 10px; vertical-align: -1px; }
.legend { list-style: none; margin: 2px 0 0; padding: 0; font-size: .8rem; display: flex; flex-wrap: wrap; gap: 0 12px; }
.groups { list-style: none; margin: 2px 0 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 0 28px; font-size: .78rem; }
.groups li { display: grid; grid-template-columns: minmax(0, 1fr) 170px 24px; gap: 6px; align-items: center; line-height: 1.3; }
.groups a { color: inherit; text-decoration: none; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.groups svg.bar { height: 9px; } .groups .n { text-align: right; color: #667085; }
.c-passed, .c-claimed-passing { fill: var(--pass); } .c-failed, .c-claimed-failing { fill: var(--fail); } .c-warned { fill: var(--warn); }
.c-waived { fill: var(--waived); } .c-error { fill: var(--error); } .c-not-exercised { fill: #667085; } .c-untested, .c-claimed-untested { fill: #98a2b3; }
.c-out-of-scope, .c-not-claimed, .c-claim-unknown { fill: #d0d5dd; } .c-empty { fill: #f2f4f7; }
.card { border: 1px solid var(--line); border-left: 5px solid var(--fail); border-radius: 4px; padding: 6px 14px 8px; margin: 12px 0; }
.card.warned { border-left-color: var(--warn); } .card.error { border-left-color: var(--error); }
.card h3 { margin: 4px 0 2px; }
.step { margin-top: 8px; }
.finding { margin: 6px 0 8px; }
.finding .what { margin: 4px 0; }
.finding dl { display: grid; grid-template-columns: 110px minmax(0, 1fr); gap: 2px 12px; margin: 4px 0; font-size: .92rem; }
.finding dt { color: #475467; font-weight: 600; } .finding dd { margin: 0; overflow-wrap: anywhere; }
.issues { margin: 0; padding-left: 18px; }
.muted { color: #667085; } .small { font-size: .85rem; }
.warnings { margin: 4px 0; } .warnings li { color: var(--warn); }
details > summary { cursor: pointer; font-weight: 600; overflow-wrap: anywhere; }
details.tech > summary, details.resource > summary, details.exchange > summary { font-weight: 500; font-size: .88rem; color: #344054; }
details.section > summary h2 { display: inline; border: none; }
details.section > summary { margin: 22px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
a { color: #175cd3; }
nav.contents { margin: 8px 0 0; } nav.contents a { margin-right: 14px; white-space: nowrap; }
@media (max-width: 700px) {
  body { font-size: 14px; }
  main { padding: 12px 12px 32px; }
  h1 { font-size: 1.25rem; }
  table.stack, table.stack tbody, table.stack tr, table.stack td, table.stack th { display: block; width: auto !important; }
  table.stack tr.head { display: none; }
  table.stack tr { border-bottom: 1px solid var(--line); padding: 4px 0; }
  table.stack td, table.stack th { border: none; padding: 1px 0; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: #475467; }
  table.meta th { background: none; padding-top: 6px; }
  .finding dl { grid-template-columns: 1fr; } .finding dd { margin-bottom: 4px; }
  .groups { grid-template-columns: 1fr; }
  .groups li { grid-template-columns: minmax(0, 1fr) 32% 22px; }
}
@media print {
  body { background: #fff; font-size: 11pt; } main { max-width: none; padding: 0; }
  .card, tr { break-inside: avoid; } h2 { break-after: avoid; }
  pre { max-height: none; overflow: visible; font-size: 8.5pt; }
  .status, .verdict, svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  nav.contents { display: none; }
  details::details-content { content-visibility: visible; display: block; }
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
