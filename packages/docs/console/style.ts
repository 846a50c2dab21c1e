/**
 * The console's look: its own colours, AA contrast in light and dark. Redoc 3 puts `light` or `dark` on <html> (from
 * its switch or prefers-color-scheme); without either, prefers-color-scheme decides. Focus is always visible.
 */
const LIGHT = `
  --csbs-fg: #1a1c21; --csbs-muted: #4b5160; --csbs-bg: #f5f7fa; --csbs-field: #ffffff; --csbs-border: #767d8c;
  --csbs-accent: #0044d4; --csbs-on-accent: #ffffff; --csbs-focus: #0044d4; --csbs-problem: #a4001b;
  --csbs-code-bg: #ffffff;`;
const DARK = `
  --csbs-fg: #e8eaf0; --csbs-muted: #b6bcc9; --csbs-bg: #1b1e24; --csbs-field: #111317; --csbs-border: #8a91a2;
  --csbs-accent: #8fb3ff; --csbs-on-accent: #0b0d12; --csbs-focus: #8fb3ff; --csbs-problem: #ff9e94;
  --csbs-code-bg: #111317;`;

export const STYLE = `
.csbs-console { ${LIGHT} margin: 12px 0 20px; color: var(--csbs-fg); font: 14px/1.45 system-ui, sans-serif; }
html.dark .csbs-console { ${DARK} }
@media (prefers-color-scheme: dark) { html:not(.light) .csbs-console { ${DARK} } }
.csbs-console button { font: inherit; font-weight: 600; border-radius: 6px; cursor: pointer; padding: 6px 16px;
  border: 1px solid var(--csbs-accent); }
.csbs-open { background: var(--csbs-field); color: var(--csbs-fg); }
.csbs-open[aria-expanded="true"], .csbs-send { background: var(--csbs-accent); color: var(--csbs-on-accent); }
.csbs-panel { margin-top: 10px; padding: 12px 14px; background: var(--csbs-bg); border: 1px solid var(--csbs-border);
  border-radius: 8px; }
.csbs-panel[hidden], .csbs-console [hidden] { display: none; }
.csbs-console fieldset { border: 0; border-top: 1px solid var(--csbs-border); margin: 0 0 12px; padding: 8px 0 0;
  display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 10px 16px; min-width: 0; }
.csbs-console legend { font-weight: 700; padding: 0 6px 0 0; color: var(--csbs-fg); }
.csbs-field { display: flex; flex-direction: column; gap: 3px; min-width: 0; }
.csbs-label { display: flex; flex-wrap: wrap; gap: 2px 8px; align-items: baseline; }
.csbs-label label { font-weight: 600; }
.csbs-label code, .csbs-hint code { font: 13px/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.csbs-in, .csbs-hint { color: var(--csbs-muted); font-size: 12.5px; }
.csbs-hint { margin: 0; overflow-wrap: anywhere; }
.csbs-req { color: var(--csbs-problem); }
.csbs-console input:not([type="checkbox"]), .csbs-console select { font: inherit; color: var(--csbs-fg);
  background: var(--csbs-field); border: 1px solid var(--csbs-border); border-radius: 4px; padding: 5px 7px;
  min-width: 0; }
.csbs-console input::placeholder { color: var(--csbs-muted); opacity: 1; }
.csbs-check { display: flex; gap: 8px; align-items: center; grid-column: 1 / -1; }
.csbs-check + .csbs-hint { grid-column: 1 / -1; }
.csbs-console :focus-visible { outline: 3px solid var(--csbs-focus); outline-offset: 2px; }
.csbs-actions { display: flex; gap: 12px; align-items: center; }
.csbs-response { margin-top: 14px; border-top: 1px solid var(--csbs-border); padding-top: 8px; }
.csbs-response h4 { margin: 10px 0 4px; font-size: 13px; color: var(--csbs-fg); }
.csbs-status { font-weight: 700; margin: 4px 0; }
.csbs-problem { color: var(--csbs-problem); font-weight: 600; margin: 6px 0; }
.csbs-headers { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0;
  font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.csbs-headers dt { color: var(--csbs-muted); }
.csbs-headers dd { margin: 0; overflow-wrap: anywhere; }
.csbs-code { margin: 0; padding: 8px 10px; max-height: 24rem; overflow: auto; background: var(--csbs-code-bg);
  color: var(--csbs-fg); border: 1px solid var(--csbs-border); border-radius: 6px;
  font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre; }
`;
