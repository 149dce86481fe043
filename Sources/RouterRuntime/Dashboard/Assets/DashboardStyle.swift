/// The dashboard's stylesheet and icon, compiled into the binary (nothing is fetched from
/// another origin). Light and dark follow the system setting; the layout reflows for phones.
enum DashboardStyle {
    static let css = #"""
    :root {
      --bg: #f7f7f5; --panel: #ffffff; --text: #1d1d1f; --muted: #6b6b70; --line: #e3e3e0;
      --accent: #c2410c; --good: #15803d; --warn: #b45309; --bad: #b91c1c;
      --s1: #2563eb; --s2: #0d9488; --s3: #a855f7; --s4: #dc2626; --s5: #f59e0b;
      color-scheme: light dark;
    }
    @media (prefers-color-scheme: dark) {
      :root {
        --bg: #151517; --panel: #1e1e21; --text: #ececf0; --muted: #9a9aa3; --line: #2f2f34;
        --accent: #fb923c; --good: #4ade80; --warn: #fbbf24; --bad: #f87171;
        --s1: #60a5fa; --s2: #2dd4bf; --s3: #c084fc; --s4: #f87171; --s5: #fbbf24;
      }
    }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--bg); color: var(--text);
      font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
    a { color: var(--accent); }
    code, pre, .code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
    header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 24px; padding: 10px 24px;
      background: var(--panel); border-bottom: 1px solid var(--line); position: sticky; top: 0; z-index: 2; }
    .brand { display: flex; gap: 8px; align-items: center; font-weight: 650; color: var(--text); text-decoration: none; }
    nav { display: flex; gap: 4px; flex-wrap: wrap; }
    nav a { padding: 6px 12px; border-radius: 8px; color: var(--muted); text-decoration: none; }
    nav a[aria-current] { background: var(--bg); color: var(--text); font-weight: 600; }
    .signout { margin-left: auto; display: flex; gap: 8px; align-items: center; color: var(--muted); }
    main { max-width: 1240px; margin: 0 auto; padding: 20px 24px 48px; }
    h1 { font-size: 1.5rem; margin: 0; }
    h2 { font-size: 1.1rem; margin: 24px 0 8px; }
    h3 { font-size: 1rem; margin: 8px 0; }
    .page-head { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: center; justify-content: space-between; margin-bottom: 12px; }
    .hint, .window, .meta { color: var(--muted); font-size: 0.9em; }
    .notice { padding: 10px 14px; border-radius: 8px; background: var(--panel); border: 1px solid var(--line); }
    .bad-text { color: var(--bad); } .good-text { color: var(--good); }
    .range { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
    .range a { padding: 5px 12px; border: 1px solid var(--line); border-radius: 999px; text-decoration: none; color: var(--text); background: var(--panel); }
    .range a[aria-current] { border-color: var(--accent); color: var(--accent); font-weight: 600; }
    .custom-range { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
    .stats { display: grid; grid-template-columns: repeat(auto-fill, minmax(165px, 1fr)); gap: 12px; margin: 12px 0 20px; }
    .stat, .panel, .card, .combo, figure { background: var(--panel); border: 1px solid var(--line); border-radius: 12px; }
    .stat { padding: 12px 14px; }
    .stat-label { color: var(--muted); font-size: 0.85em; }
    .stat-value { font-size: 1.5rem; font-weight: 650; font-variant-numeric: tabular-nums; }
    .stat-detail { color: var(--muted); font-size: 0.8em; }
    .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 12px; }
    figure { margin: 0; padding: 12px 14px; }
    figcaption { font-weight: 600; margin-bottom: 6px; }
    svg.chart { width: 100%; height: 200px; display: block; }
    svg .grid { stroke: var(--line); stroke-width: 1; }
    svg .axis { fill: var(--muted); font-size: 11px; }
    svg .line { fill: none; stroke-width: 2; vector-effect: non-scaling-stroke; }
    svg rect.s1, svg circle.s1, .swatch.s1 { fill: var(--s1); background: var(--s1); } svg .line.s1 { stroke: var(--s1); }
    svg rect.s2, svg circle.s2, .swatch.s2 { fill: var(--s2); background: var(--s2); } svg .line.s2 { stroke: var(--s2); }
    svg rect.s3, svg circle.s3, .swatch.s3 { fill: var(--s3); background: var(--s3); } svg .line.s3 { stroke: var(--s3); }
    svg rect.s4, svg circle.s4, .swatch.s4 { fill: var(--s4); background: var(--s4); } svg .line.s4 { stroke: var(--s4); }
    svg rect.s5, svg circle.s5, .swatch.s5 { fill: var(--s5); background: var(--s5); } svg .line.s5 { stroke: var(--s5); }
    .legend { display: flex; gap: 14px; flex-wrap: wrap; color: var(--muted); font-size: 0.85em; margin-top: 4px; }
    .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; }
    .tops { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 12px; }
    .table-wrap { overflow-x: auto; background: var(--panel); border: 1px solid var(--line); border-radius: 12px; }
    table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
    th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); white-space: nowrap; }
    th { color: var(--muted); font-weight: 600; font-size: 0.85em; }
    tbody tr:last-child td { border-bottom: 0; }
    .num { text-align: right; }
    .tops td:first-child, .card td { white-space: normal; overflow-wrap: anywhere; }
    /* Grid items may shrink below their content; wide tables scroll inside their own box. */
    .stats > *, .charts > *, .tops > *, .cards > *, .two-col > *, .detail-grid > * { min-width: 0; }
    td.empty, p.empty { color: var(--muted); text-align: center; }
    tr.fresh { animation: fresh 2s ease-out; }
    @keyframes fresh { from { background: color-mix(in srgb, var(--accent) 22%, transparent); } to { background: transparent; } }
    .pill { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 0.82em; font-weight: 600;
      border: 1px solid var(--line); color: var(--muted); }
    .pill.good { color: var(--good); border-color: color-mix(in srgb, var(--good) 40%, transparent); }
    .pill.warn { color: var(--warn); border-color: color-mix(in srgb, var(--warn) 40%, transparent); }
    .pill.bad { color: var(--bad); border-color: color-mix(in srgb, var(--bad) 40%, transparent); }
    .countdown { font-variant-numeric: tabular-nums; color: var(--warn); font-weight: 600; }
    .filters { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: end; margin-bottom: 8px; }
    label { display: flex; flex-direction: column; gap: 3px; font-size: 0.85em; color: var(--muted); }
    .inline { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; margin: 8px 0; }
    .inline label:has(input[type=checkbox]) { flex-direction: row; align-items: center; gap: 6px; }
    input, select, textarea, button { font: inherit; color: var(--text); background: var(--bg); border: 1px solid var(--line);
      border-radius: 8px; padding: 6px 9px; }
    textarea { width: 100%; resize: vertical; }
    button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; font-weight: 600; }
    button.small { padding: 3px 10px; font-size: 0.85em; }
    button.link { background: none; border: 0; color: var(--accent); padding: 0; }
    .button-link { align-self: center; }
    .live { color: var(--muted); font-size: 0.9em; }
    .live.on::before { content: "●"; color: var(--good); margin-right: 6px; }
    .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 12px; }
    .card { padding: 12px 14px; }
    .card header { display: flex; justify-content: space-between; align-items: center; }
    .card h2 { margin: 0; }
    .facts { display: grid; grid-template-columns: 1fr; gap: 2px; margin: 8px 0; }
    .facts div, .detail-grid div { display: flex; gap: 8px; }
    dt { color: var(--muted); min-width: 130px; } dd { margin: 0; }
    .actions { margin-top: 8px; display: flex; gap: 6px; }
    .detail-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 12px; }
    .detail-grid dl { background: var(--panel); border: 1px solid var(--line); border-radius: 12px; padding: 12px 14px; margin: 0; }
    .two-col { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 12px; }
    .panel { padding: 12px 14px; }
    .panel form { display: flex; flex-direction: column; gap: 8px; }
    .panel form > button { align-self: flex-start; }
    .result { margin-top: 10px; }
    .result pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--bg); border: 1px solid var(--line); border-radius: 8px; padding: 10px; overflow-x: auto; margin: 0; }
    .diagnostics { padding-left: 18px; } .diagnostics .error strong { color: var(--bad); } .diagnostics .warning strong { color: var(--warn); }
    .combo { padding: 10px 14px; margin-bottom: 10px; }
    .rules li { margin: 3px 0; }
    .signin { max-width: 420px; margin: 48px auto; background: var(--panel); border: 1px solid var(--line); border-radius: 12px; padding: 20px 24px; }
    .signin form { display: flex; flex-direction: column; gap: 12px; }
    @media (max-width: 640px) {
      main { padding: 12px; } header.top { padding: 8px 12px; }
      .two-col, .charts, .tops, .cards, .detail-grid { grid-template-columns: 1fr; }
      .stat-value { font-size: 1.25rem; } dt { min-width: 110px; }
    }
    """#

    static let icon = #"""
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#c2410c"/><path d="M8 22 L14 10 L18 18 L24 8" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/><circle cx="8" cy="22" r="2.5" fill="#fff"/><circle cx="24" cy="8" r="2.5" fill="#fff"/></svg>
    """#
}
