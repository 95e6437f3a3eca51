"""The reports' stylesheet: read on screen, printed on A4 (a one-page summary, then the dense
detail; headings kept with their text, cards never split)."""

CSS = """
:root { --ink:#1c2128; --dim:#5a6472; --line:#d5dbe3; --soft:#f3f5f8; --accent:#007d7d;
  --india:#de7610; --us:#245cc4; --good:#28874f; --bad:#c4402c; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin:0; background:#e9edf1; color:var(--ink); font: 15px/1.5 "Noto Sans", "Segoe UI",
  system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1000px; margin: 24px auto; background:#fff; padding: 32px 44px 40px;
  box-shadow: 0 1px 4px rgba(0,0,0,.12); }
h1 { font-size: 1.9em; margin: 0 0 .15em; line-height:1.2; }
h2 { font-size: 1.35em; margin: 1.8em 0 .5em; padding-bottom:.2em; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.08em; margin: 1.2em 0 .4em; }
h4 { font-size: 1em; margin: 0 0 .35em; }
p { margin: .4em 0 .7em; }
a { color: var(--accent); }
.kicker { text-transform: uppercase; letter-spacing: .08em; color: var(--accent); font-weight: 700;
  font-size: .8em; margin: 0; }
.summary { color: var(--dim); max-width: 48em; }
.lead { color: var(--dim); font-size: .93em; }
dl.meta { display:grid; grid-template-columns: max-content 1fr; gap: .15em 1.2em; margin: 1em 0 0;
  padding: .8em 1em; background: var(--soft); border-radius: 6px; }
dl.meta dt { font-weight: 700; } dl.meta dd { margin: 0; }
nav.toc { margin: 1.2em 0 0; font-size: .9em; }
nav.toc a { color: var(--accent); margin-right: 1em; text-decoration: none; white-space: nowrap; }
.warning { border-left: 4px solid var(--bad); background: #fbeeea; padding: .5em .9em; margin: 1em 0; }
.ending { border-left: 4px solid var(--accent); padding: .2em 0 .2em 1em; }
.ending h3 { margin-top: .2em; font-size: 1.2em; }
.cards { display:grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 14px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .8em 1em; break-inside: avoid; }
.card.india { border-top: 4px solid var(--india); } .card.us { border-top: 4px solid var(--us); }
.score { font-size: 2em; font-weight: 700; line-height: 1; }
.score small { font-size: .45em; color: var(--dim); font-weight: 400; }
ul.objectives { list-style: none; padding: 0; margin: .6em 0 0; }
ul.objectives li { padding: .15em 0 .15em 1.6em; text-indent: -1.6em; }
.met { color: var(--good); font-weight: 700; } .unmet { color: var(--bad); font-weight: 700; }
.open { color: var(--dim); }
.tag { display:inline-block; font-size: .75em; border: 1px solid var(--line); border-radius: 3px;
  padding: 0 .35em; color: var(--dim); text-indent: 0; }
.grid { display:grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 10px 18px; }
figure { margin: 0; break-inside: avoid; }
figure img { width: 100%; height: auto; display:block; }
figcaption { font-size: .8em; color: var(--dim); }
.nochart { font-size: .85em; color: var(--dim); border: 1px dashed var(--line); padding: .5em; }
table { border-collapse: collapse; width: 100%; font-size: .92em; margin: .3em 0 .8em; }
th, td { text-align: left; vertical-align: top; padding: .3em .5em; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 700; }
td.val { font-variant-numeric: tabular-nums; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
.turn { border-top: 1px solid var(--line); padding: .3em 0 .4em; break-inside: avoid; }
.turn h3 { margin: .5em 0 .3em; }
.turn .label { color: var(--dim); font-weight: 400; }
ul.news { margin: .2em 0 .5em; padding-left: 1.2em; font-size: .92em; }
ul.news li { margin: .1em 0; }
.src { font-weight: 700; }
.side { font-weight: 700; white-space: nowrap; }
.side.india { color: var(--india); } .side.us { color: var(--us); }
.computer { color: var(--dim); font-weight: 400; font-size: .85em; }
.why { font-style: italic; color: #2f3a48; }
.pending { color: var(--dim); font-style: italic; }
.bar { display:inline-block; height: .7em; border-radius: 2px; vertical-align: middle; }
.bar.up { background: var(--good); } .bar.down { background: var(--bad); }
.bar.neutral { background: #8a94a3; }
td.when { white-space: nowrap; }
.whatif { border: 1px solid var(--line); border-radius: 6px; padding: .8em 1em; margin: 0 0 14px;
  break-inside: avoid; }
.whatif h3 { margin-top: 0; }
.whatif .body { display: grid; grid-template-columns: 3fr 2fr; gap: 14px; align-items: start; }
.compare th:nth-child(2), .compare td:nth-child(2) { background: #eef3fb; }
.compare th:nth-child(3), .compare td:nth-child(3) { background: #fdf2e6; }
.better { color: var(--good); } .worse { color: var(--bad); }
.twocol { display:grid; grid-template-columns: 1fr 1fr; gap: 16px; align-items: start; }
.tally { display:grid; grid-template-columns: 3fr 2fr; gap: 16px; align-items: start; }
.tally figure { max-width: 300px; }
table.outcomes { font-size: .82em; }
table.outcomes th { vertical-align: bottom; white-space: normal; }
table.outcomes td:nth-child(2) { min-width: 8em; }
.event { border-top: 1px solid var(--line); padding: .6em 0; break-inside: avoid; }
ul.notes { margin: .2em 0 0; padding-left: 1.2em; font-size: .9em; }
ul.notes li { margin: .1em 0; }
.who { color: var(--dim); font-size: .9em; }
ol.questions li { margin: 0 0 1em; break-inside: avoid; }
.lines { margin-top: .4em; }
.lines div { height: 1.9em; border-bottom: 1px solid #b9c1cc; }
.group { margin-top: 2em; }
.group > h2 { border-bottom: 3px solid var(--accent); }
.unusual li { margin: .2em 0; }
ul.glance { margin: .3em 0; padding-left: 1.2em; } ul.glance li { margin: .15em 0; }
.small { font-size: .85em; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.tag.real { border-color: var(--good); color: var(--good); }
dl.glossary { columns: 2; column-gap: 24px; font-size: .9em; margin: 0; }
dl.glossary div { break-inside: avoid; margin: 0 0 .5em; }
dl.glossary dt { font-weight: 700; } dl.glossary dd { margin: 0; }
footer { margin-top: 2.5em; font-size: .8em; color: var(--dim); border-top: 1px solid var(--line);
  padding-top: .6em; }
@media (max-width: 720px) { main { padding: 18px; margin: 0; }
  .twocol, .tally, .whatif .body { grid-template-columns: 1fr; } }
@page { size: A4; margin: 14mm 13mm 15mm; }
@media print {
  body { background: #fff; font-size: 10pt; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  nav.toc { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  h2 + p.lead, h3 + p.lead { break-after: avoid; page-break-after: avoid; }
  .grid { grid-template-columns: repeat(2, 1fr); }
  .cards { grid-template-columns: repeat(2, 1fr); }
  #questions, .questions-page { break-before: page; page-break-before: always; }
  #indicators { break-before: page; page-break-before: always; }  /* page 1: the summary */
  /* the detail, dense: a hot-seat debrief printed on 15 pages before (issue 16) */
  dl.meta { grid-template-columns: max-content 1fr max-content 1fr; padding: .5em .8em; }
  header .summary { margin-bottom: .3em; }
  .card { padding: .5em .8em; } .score { font-size: 1.6em; }
  ul.objectives { font-size: .92em; margin-top: .3em; } ul.objectives li { padding: .05em 0 .05em 1.6em; }
  #indicators .grid { grid-template-columns: repeat(3, 1fr); gap: 4px 12px; }
  h2 { margin-top: 1.1em; }
  .turn { break-inside: auto; padding: .1em 0 .2em; }
  .turn h3 { margin: .3em 0 .15em; }
  .turn table, #reality table, #why table { font-size: .86em; }
  .compare { font-size: .8em; margin: .2em 0 .3em; line-height: 1.25; }
  ul.news { font-size: .86em; margin: .1em 0 .3em; }
  th, td { padding: .18em .4em; }
  .why { display: inline; } .why::before { content: " — "; font-style: normal; }
  .whatif { padding: .5em .8em; margin: 0 0 8px; }
  .whatif .body { grid-template-columns: 1fr; gap: 4px; }
  .whatif .body > div:last-child { display: grid; grid-template-columns: 30% 1fr; gap: 12px;
    font-size: .9em; }
  .whatif h3 { margin-bottom: .2em; } .whatif p { margin: .2em 0 .3em; }
  .compare th, .compare td { padding: .1em .4em; }
  .compare th:first-child { width: 36% !important; } .compare thead th { width: 32% !important; }
  .compare thead th:first-child { width: 36% !important; }
  table.choices th:first-child { width: 11% !important; }
  table.choices th:nth-child(2) { width: 30% !important; }
  dl.glossary { columns: 3; column-gap: 14px; font-size: .8em; line-height: 1.35; }
  dl.glossary div { margin: 0 0 .35em; }
  .lines div { height: 1.75em; }
  ol.questions li { margin: 0 0 .45em; } ol.questions p { margin: .2em 0 .1em; }
  .whatif { break-inside: avoid; page-break-inside: avoid; }
  .compare { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .card, .whatif, .compare td, .compare th, th, .bar, .warning, dl.meta {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
