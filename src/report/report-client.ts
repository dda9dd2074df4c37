/**
 * The report page's own script (plain ES2017, run by the browser; the CSP admits it by its hash). It reads the
 * numbers from `<script type="application/json" id="report-data">`, mounts one uPlot chart into each
 * `.chart` element, draws anomaly and non-finite markers, switches the x axis between steps and seconds, and
 * shows the parallel-coordinates SVG of the chosen metric. It never writes markup: labels go through
 * uPlot's `textContent`, everything else was escaped when the page was rendered.
 */
export const REPORT_CLIENT = String.raw`(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var RULE = { non_finite: '#b8002e', divergence: '#7b2d8e', plateau: '#a35a00' };
  var BAD = '#b8002e';
  var mode = 's';
  var plots = [];
  var drawn = 0;

  function column(ser, m) {
    var xs = ser[m], ys = ser.y, n = xs.length, idx = [], i, sorted = true;
    for (i = 0; i < n; i++) { idx.push(i); if (i > 0 && xs[i] < xs[i - 1]) sorted = false; }
    if (!sorted) idx.sort(function (a, b) { return xs[a] - xs[b] || a - b; });
    return [idx.map(function (k) { return xs[k]; }), idx.map(function (k) { return ys[k]; })];
  }

  function markers(spec) {
    return { hooks: { draw: [function (u) {
      var ctx = u.ctx, b = u.bbox, r = window.devicePixelRatio || 1, col = mode === 's' ? 0 : 1;
      ctx.save();
      ctx.lineWidth = 1.5 * r;
      ctx.setLineDash([5 * r, 4 * r]);
      spec.marks.forEach(function (m) {
        var v = m[mode];
        if (v === null) return;
        var x = u.valToPos(v, 'x', true);
        if (!(x >= b.left && x <= b.left + b.width)) return;
        ctx.strokeStyle = RULE[m.rule] || '#333';
        ctx.beginPath(); ctx.moveTo(x, b.top); ctx.lineTo(x, b.top + b.height); ctx.stroke();
      });
      ctx.setLineDash([]);
      ctx.fillStyle = BAD;
      spec.series.forEach(function (s) {
        s.bad.forEach(function (p) {
          var x = u.valToPos(p[col], 'x', true), y = b.top + b.height - 1 * r, w = 5 * r;
          if (!(x >= b.left - 1 && x <= b.left + b.width + 1)) return;
          ctx.beginPath(); ctx.moveTo(x - w, y); ctx.lineTo(x + w, y); ctx.lineTo(x, y - 2 * w); ctx.closePath(); ctx.fill();
        });
      });
      ctx.restore();
    }] } };
  }

  function build(el, spec, first) {
    var tables = spec.series.map(function (s) { return column(s, mode); });
    var aligned = tables.length === 1 ? tables[0] : uPlot.join(tables);
    var series = [{ label: mode === 's' ? 'step' : 'seconds' }].concat(spec.series.map(function (s) {
      var run = data.runs[s.run];
      return { label: run.label, stroke: run.color, width: 1.5, points: { show: s.y.length < 60 } };
    }));
    var opts = {
      width: Math.max(280, el.clientWidth), height: 220,
      scales: { x: { time: false }, y: spec.log ? { distr: 3 } : {} },
      axes: [{ label: mode === 's' ? 'step' : 'seconds since start', labelSize: 20 }, { size: 64 }],
      legend: { live: true },
      series: series,
      plugins: [markers(spec)],
      hooks: { draw: [function () { if (first) { first = false; done(); } }] }
    };
    return new uPlot(opts, aligned, el);
  }

  function done() {
    drawn++;
    if (drawn === data.charts.length) {
      window.__reportDrawnAt = performance.now();
      document.documentElement.setAttribute('data-charts-drawn', String(drawn));
    }
  }

  var els = document.querySelectorAll('.chart');
  data.charts.forEach(function (spec, i) { plots.push(build(els[i], spec, true)); });
  if (data.charts.length === 0) document.documentElement.setAttribute('data-charts-drawn', '0');

  document.querySelectorAll('input[name="x-axis"]').forEach(function (input) {
    input.addEventListener('change', function () {
      if (!input.checked) return;
      mode = input.value === 'time' ? 't' : 's';
      plots.forEach(function (p, i) { p.destroy(); plots[i] = build(els[i], data.charts[i], false); });
    });
  });

  var resizing = 0;
  window.addEventListener('resize', function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      plots.forEach(function (p, i) { p.setSize({ width: Math.max(280, els[i].clientWidth), height: 220 }); });
    }, 100);
  });

  var pick = document.getElementById('parallel-metric');
  if (pick) {
    pick.addEventListener('change', function () {
      document.querySelectorAll('.parallel').forEach(function (svg) {
        if (svg.getAttribute('data-index') === pick.value) svg.removeAttribute('hidden');
        else svg.setAttribute('hidden', '');
      });
    });
  }
})();
`;
