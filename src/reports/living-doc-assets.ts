/**
 * The living document's only stylesheet and script, inlined so the file stands alone. The script is a
 * constant (nothing from the run is ever interpolated into it): the document's Content-Security-Policy
 * allows exactly this script by its hash, so even a markup-escaping bug could not run injected code.
 */

export const STYLE = `
:root{--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--mute:#57606a;--line:#d0d7de;--bg2:#f6f8fa}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1200px;padding:1rem 1.5rem;color:#1f2328}
h1{font-size:1.6rem;margin:.2rem 0}h2{border-bottom:2px solid var(--line);padding-bottom:.2rem;margin-top:2rem}
h3{margin:1.4rem 0 .3rem}h4{margin:.2rem 0;font-size:1rem}
code,pre,.act{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
pre{background:var(--bg2);padding:.5rem .7rem;border-radius:4px;white-space:pre-wrap;overflow-wrap:anywhere;margin:.3rem 0}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.5rem 0}dl.meta dt{font-weight:600}dl.meta dd{margin:0}
nav:not(.toc) a{margin-right:1rem}
.muted,.where{color:var(--mute)}.ctx{color:var(--mute);font-size:12px;overflow-wrap:anywhere}
.badge{display:inline-block;min-width:4.5rem;text-align:center;border-radius:3px;padding:0 .3rem;font-size:12px;font-weight:600;color:#fff;background:var(--mute)}
.b-passed{background:var(--ok)}.b-failed,.b-ambiguous{background:var(--bad)}.b-undefined,.b-pending{background:var(--warn)}
article.scenario{border:1px solid var(--line);border-left:5px solid var(--mute);border-radius:4px;padding:.5rem .8rem;margin:.6rem 0}
article.s-passed{border-left-color:var(--ok)}article.s-failed,article.s-ambiguous{border-left-color:var(--bad)}article.s-undefined,article.s-pending{border-left-color:var(--warn)}
ol.steps{list-style:none;padding-left:0;margin:.3rem 0}ol.steps li{padding:.05rem 0}
.kw{font-weight:600;color:#0550ae}.st-failed{color:var(--bad)}.st-skipped,.st-unknown{color:var(--mute)}
table{border-collapse:collapse;margin:.4rem 0}th,td{border:1px solid var(--line);padding:.15rem .4rem;text-align:left;vertical-align:top}
thead th{background:var(--bg2)}
.decision{border-top:1px dashed var(--line);margin-top:.4rem;padding-top:.3rem}
.d-fail .verdict{color:var(--bad);font-weight:600}.d-pass .verdict{color:var(--ok)}
.matrix td{white-space:nowrap}.o-allow{background:#dafbe1}.o-explicit{background:#ffebe9}.o-implicit{background:#fff8c5}.o-cannot{background:#eddeff}
.matrix td.unasserted{outline:2px dashed #8c959f;outline-offset:-3px}.un{font-size:11px;color:var(--mute)}.as{font-size:11px}
tr.unexercised td{background:#fff1e5}tr.d-accepted td{background:#fff8c5}tr.d-new-allow td{background:#ffebe9}.expired td{background:#ffebe9;font-weight:600}
.filters{background:var(--bg2);border:1px solid var(--line);border-radius:4px;padding:.4rem .6rem;margin:.4rem 0}
.filters label{margin-right:.8rem;white-space:nowrap}
.legend span{margin-right:1rem;padding:0 .3rem}
.problems{color:var(--bad)}.gate-pass{color:var(--ok)}
.tested{background:#ddf4ff;border:1px solid #54aeff;border-radius:4px;padding:.4rem .6rem}
.banner{border:2px solid var(--bad);background:#ffebe9;border-radius:6px;padding:.3rem 1rem;margin:1rem 0}.banner h2{color:var(--bad);border:0;margin:.4rem 0}
.tag{font-size:11px;border:1px solid var(--line);border-radius:8px;padding:0 .35rem;color:var(--mute)}
table.controls th[scope=row]{font-weight:600;max-width:22rem}tr.c-bad td,tr.c-bad th{background:#ffebe9}
.toc ul{margin:.1rem 0}.rel{font-size:11px;color:var(--warn)}
.scroll{overflow:auto;max-width:100%}
.matrix-screen{max-height:85vh}
.matrix thead th{position:sticky;top:0;z-index:2}
.matrix tbody th[scope=row]{position:sticky;left:0;z-index:1;background:#fff;min-width:9rem;max-width:9rem;overflow-wrap:anywhere}
.matrix td.act{position:sticky;left:9rem;z-index:1;background:#fff}
.matrix thead th:nth-child(-n+2){left:0;z-index:3}.matrix thead th:nth-child(2){left:9rem}
.matrix-print{display:none}
@media (max-width:600px){
  body{padding:.5rem;font-size:13px}
  /* Wide tables scroll inside themselves; the page itself never gets wider than the screen. */
  main table:not(.matrix):not(.matrix-p){display:block;overflow-x:auto;max-width:100%}
  pre{font-size:11.5px}dl.meta{grid-template-columns:1fr}dl.meta dd{margin-bottom:.3rem}
  table.controls td,table.controls th{min-width:8rem}
  .matrix tbody th[scope=row]{min-width:6rem;max-width:6rem}.matrix td.act{left:6rem}.matrix thead th:nth-child(2){left:6rem}
}
@media print{
  body{max-width:none;padding:0;font-size:11px}nav:not(.toc),.filters{display:none}
  .scroll{overflow:visible;max-height:none}
  .matrix-screen{display:none}.matrix-print{display:block}
  .matrix-p{font-size:9px;break-inside:auto;width:100%}.matrix-p thead{display:table-header-group}.matrix-p h3{break-before:page}
  a{color:inherit;text-decoration:none}
  article.scenario,.decision,tr{break-inside:avoid}h2{break-after:avoid}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  #matrix{break-before:page}
}
`;

export const SCRIPT = `(function () {
  'use strict';
  function all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function byId(id) { return document.getElementById(id); }
  function wire(controls, apply) {
    controls.forEach(function (c) { c.addEventListener(c.type === 'checkbox' || c.tagName === 'SELECT' ? 'change' : 'input', apply); });
    apply();
  }
  var scenarioFilters = byId('scenario-filters');
  if (scenarioFilters) {
    scenarioFilters.hidden = false;
    var query = byId('scenario-query');
    var boxes = all('input[name="status"]', scenarioFilters);
    wire([query].concat(boxes), function () {
      var text = query.value.trim().toLowerCase();
      var shown = {};
      boxes.forEach(function (b) { shown[b.value] = b.checked; });
      var count = 0;
      all('article.scenario').forEach(function (a) {
        var ok = shown[a.getAttribute('data-status')] !== false && (text === '' || a.textContent.toLowerCase().indexOf(text) >= 0);
        a.hidden = !ok;
        if (ok) count += 1;
      });
      all('section.feature').forEach(function (f) { f.hidden = all('article.scenario:not([hidden])', f).length === 0; });
      byId('scenario-count').textContent = count + ' shown';
    });
  }
  var matrixFilters = byId('matrix-filters');
  if (matrixFilters) {
    matrixFilters.hidden = false;
    var principal = byId('matrix-principal');
    var action = byId('matrix-action');
    var outcome = byId('matrix-outcome');
    var unasserted = byId('matrix-unasserted');
    wire([principal, action, outcome, unasserted], function () {
      var p = principal.value;
      var a = action.value.trim().toLowerCase();
      var o = outcome.value;
      var count = 0;
      all('table.matrix tbody tr').forEach(function (tr) {
        var ok = (p === '' || tr.getAttribute('data-principal') === p) &&
          (a === '' || tr.getAttribute('data-action').toLowerCase().indexOf(a) >= 0) &&
          (o === '' || (' ' + tr.getAttribute('data-outcomes') + ' ').indexOf(' ' + o + ' ') >= 0) &&
          (!unasserted.checked || tr.getAttribute('data-unasserted') === 'true');
        tr.hidden = !ok;
        if (ok) count += 1;
      });
      byId('matrix-count').textContent = count + ' rows shown';
    });
  }
})();`;

/** SHA-256 of SCRIPT, base64, for the Content-Security-Policy; a unit test recomputes it. */
export const SCRIPT_SHA256 = 'ArldkhTQXM93remjTq1TzvgblzjBlnvxkoCMzTTUmvg=';
