/** Theme-aware styles: VS Code's CSS variables in a webview, plain fallbacks on a standalone page. */
export const PREVIEW_CSS = `
body { font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 14px);
  color: var(--vscode-foreground, #1f2328); background: var(--vscode-editor-background, #fff); margin: 0 1em; }
h1 { font-size: 1.3em; } h2 { font-size: 1.15em; } h3 { font-size: 1.05em; margin: 0.2em 0; }
section { border-bottom: 1px solid var(--vscode-panel-border, #d0d7de); padding: 0.6em 0; }
.num { color: var(--vscode-descriptionForeground, #57606a); font-variant-numeric: tabular-nums; margin-right: 0.4em; }
.meta, .where, .compare-note { color: var(--vscode-descriptionForeground, #57606a); font-size: 0.9em; }
pre { font-family: var(--vscode-editor-font-family, ui-monospace, monospace); font-size: var(--vscode-editor-font-size, 13px);
  white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.3em 0; }
.blurb { background: var(--vscode-textBlockQuote-background, #f6f8fa); padding: 0.5em; }
.badge { display: inline-block; border-radius: 3px; padding: 0 0.35em; margin-left: 0.25em; font-size: 0.8em;
  background: var(--vscode-badge-background, #ddf4ff); color: var(--vscode-badge-foreground, #0969da); }
.status { font-size: 0.75em; padding: 0 0.35em; border-radius: 3px; border: 1px solid currentColor; }
.status-changed { color: var(--vscode-editorWarning-foreground, #9a6700); }
.status-new { color: var(--vscode-gitDecoration-addedResourceForeground, #1a7f37); }
.status-dropped { color: var(--vscode-gitDecoration-deletedResourceForeground, #cf222e); }
.status-unchanged { color: var(--vscode-descriptionForeground, #57606a); }
.problems ul { margin: 0.2em 0; padding-left: 1.2em; }
.problems a { color: var(--vscode-textLink-foreground, #0969da); text-decoration: none; }
.sev { font-weight: 600; }
.sev-error { color: var(--vscode-errorForeground, #cf222e); }
.sev-warning { color: var(--vscode-editorWarning-foreground, #9a6700); }
.sev-information, .sev-hint { color: var(--vscode-editorInfo-foreground, #0969da); }
table.diffstat { border-collapse: collapse; font-family: var(--vscode-editor-font-family, ui-monospace, monospace); font-size: 0.9em; }
table.diffstat td { padding: 0 0.5em 0 0; } td.num { text-align: right; }
.bar-add, .add { color: var(--vscode-gitDecoration-addedResourceForeground, #1a7f37); }
.bar-del, .del { color: var(--vscode-gitDecoration-deletedResourceForeground, #cf222e); }
.hunk { color: var(--vscode-textPreformat-foreground, #8250df); }
.meta-line { color: var(--vscode-descriptionForeground, #57606a); }
.file-head { font-weight: 600; margin-top: 0.5em; }
.dropped .subject { text-decoration: line-through; }
.bidi { color: var(--vscode-errorForeground, #cf222e); border: 1px solid currentColor; border-radius: 2px; font-size: 0.85em; padding: 0 0.1em; }
`;
