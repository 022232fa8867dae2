import BatonDiagram

/// The console's one stylesheet, served from the binary (no CDN, no build step): a plain,
/// readable layout that works from a phone to a wide screen, plus the diagram's classes.
enum ConsoleStylesheet {
    static let css = layout + "\n" + DiagramRenderer.stylesheet

    private static let layout = """
        :root { --ink: #1d2430; --muted: #5b6575; --line: #d5dae1; --accent: #1f5fbf; --danger: #b3261e; --ok: #1e6b3a; --paper: #ffffff; --shade: #f4f6f9; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--shade); }
        a { color: var(--accent); }
        header.top { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; padding: .6rem 1rem; background: #17202e; color: #fff; }
        header.top a { color: #fff; text-decoration: none; }
        header.top .brand { font-weight: 700; }
        header.top nav ul { display: flex; gap: 1rem; margin: 0; padding: 0; list-style: none; }
        header.top nav a[aria-current] { border-bottom: 2px solid #fff; }
        header.top .sign-out { margin-left: auto; display: flex; align-items: center; gap: .5rem; }
        main { max-width: 1400px; margin: 0 auto; padding: 1rem; background: var(--paper); min-height: 100vh; }
        h1 { font-size: 1.5rem; margin: .2rem 0 1rem; word-break: break-all; }
        h2 { font-size: 1.15rem; margin: 1.5rem 0 .6rem; }
        .key { color: var(--muted); font-size: .85em; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; }
        caption { text-align: left; color: var(--muted); padding: .3rem 0; }
        th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        thead th { background: var(--shade); font-weight: 600; }
        td.value, td.message { font-family: ui-monospace, monospace; white-space: pre-wrap; word-break: break-word; max-width: 40rem; }
        form.filters, form.variable-editor, form.sign-in { display: flex; flex-wrap: wrap; align-items: flex-end; gap: .4rem .8rem; margin: .6rem 0 1rem; }
        form.sign-in { flex-direction: column; align-items: stretch; max-width: 22rem; }
        label { font-weight: 600; font-size: .9rem; }
        input, select, button, a.button { font: inherit; padding: .35rem .6rem; border: 1px solid var(--line); border-radius: 4px; min-height: 2.2rem; }
        button, a.button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; text-decoration: none; display: inline-block; }
        button.danger, a.button.danger { background: var(--danger); border-color: var(--danger); }
        form.inline { display: inline; }
        .actions { display: flex; flex-wrap: wrap; gap: .5rem; margin: .5rem 0; }
        .notice { background: #e6f4ea; border-left: 4px solid var(--ok); padding: .5rem .8rem; }
        .error { background: #fce8e6; border-left: 4px solid var(--danger); padding: .5rem .8rem; }
        .warning { background: #fff4e5; border-left: 4px solid #b06000; padding: .5rem .8rem; }
        .hint { color: var(--muted); }
        .field { display: flex; flex-direction: column; gap: .2rem; margin: .6rem 0; max-width: 32rem; }
        .field input[type=checkbox] { align-self: flex-start; min-height: 0; width: 1.3rem; height: 1.3rem; }
        .field-error { color: var(--danger); font-weight: 600; }
        [aria-invalid=true] { border-color: var(--danger); outline: 2px solid var(--danger); }
        .required { color: var(--muted); font-weight: 400; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; word-break: break-all; }
        nav.versions ul, nav.lists ul { display: flex; flex-wrap: wrap; gap: .3rem .8rem; padding: 0; list-style: none; }
        nav.versions a[aria-current], nav.lists a[aria-current] { font-weight: 700; text-decoration: none; }
        figure.diagram { margin: 0; overflow: auto; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
        figure.diagram svg { display: block; max-width: 100%; height: auto; min-width: 640px; }
        ol.timeline { list-style: none; padding: 0; border-left: 3px solid var(--line); }
        ol.timeline li { padding: .3rem .8rem; }
        ol.timeline li.timeline-active { border-left: 3px solid var(--accent); margin-left: -3px; }
        ol.timeline li.timeline-canceled { color: var(--muted); }
        .when { color: var(--muted); font-variant-numeric: tabular-nums; }
        .duration { color: var(--muted); }
        nav.pager { display: flex; gap: 1rem; margin: .6rem 0; }
        .incident-count { color: var(--danger); font-weight: 700; }
        ul.elements li { margin: .2rem 0; }
        .mark, .badge-text { font-size: .8em; padding: 0 .4em; border-radius: 1em; background: var(--shade); }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        @media (max-width: 700px) {
          main { padding: .6rem; }
          header.top .sign-out { margin-left: 0; }
          form.filters > * { flex: 1 1 100%; }
          dl.facts { grid-template-columns: 1fr; }
          figure.diagram svg { min-width: 0; }
        }
        """
}
