/** The HTML report's stylesheet: system fonts only, nothing fetched. */
export const HTML_STYLE = `
:root { --ok: #116329; --ok-bg: #dafbe1; --bad: #a40e26; --bad-bg: #ffebe9; --warn: #7d4e00; --warn-bg: #fff8c5; --line: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328; background: #f6f8fa; }
header { background: #24292f; color: #fff; padding: 18px 32px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header .verdict { font-size: 16px; }
header .verdict.fail { color: #ffb3ad; }
nav { padding: 8px 32px; background: #fff; border-bottom: 1px solid var(--line); }
nav a { margin-right: 18px; color: #0969da; text-decoration: none; }
main { padding: 8px 32px 48px; max-width: 1500px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 20px 16px; margin: 18px 0; }
h2 { font-size: 20px; border-bottom: 1px solid var(--line); padding-bottom: 6px; }
h3 { font-size: 16px; margin-top: 22px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; vertical-align: top; }
th { background: #f6f8fa; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.sym { text-align: center; white-space: nowrap; padding: 4px 3px; }
.held, .reached, .pass { background: var(--ok-bg); color: var(--ok); }
.violated, .not-reached, .fail { background: var(--bad-bg); color: var(--bad); font-weight: 600; }
.unknown, .absent { background: var(--warn-bg); color: var(--warn); }
th.rot { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-weight: 600; padding: 8px 3px; }
.muted, .legend { color: var(--muted); font-size: 12px; }
.warning { background: var(--warn-bg); border-left: 4px solid #d4a72c; padding: 6px 10px; margin: 8px 0; }
.problem { background: var(--bad-bg); border-left: 4px solid var(--bad); padding: 6px 10px; margin: 8px 0; }
.plot-row { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
.plot-row figure { margin: 0; flex: 0 0 auto; }
.plot-row aside { flex: 1 1 340px; min-width: 300px; }
.plot-row aside li { margin-bottom: 4px; }
.diagram { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; padding: 8px; background: #fff; }
pre.mermaid { margin: 0; font-size: 12px; white-space: pre; }
tr.breaks td { background: var(--bad-bg); }
tr.breaks td.label { color: var(--bad); font-weight: 600; }
td code { white-space: nowrap; }
/* Names stay on one line; parameter lists wrap between parameters (never inside one). */
td.name { white-space: nowrap; }
td.params { min-width: 10em; }
td.params code { white-space: normal; }
code, .changes { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.changes div { white-space: nowrap; }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; margin-left: 6px; }
.badge.expected { background: var(--warn-bg); color: var(--warn); }
.badge.regression { background: var(--bad-bg); color: var(--bad); }
details pre { background: #f6f8fa; padding: 8px; overflow-x: auto; font-size: 12px; }
`;
