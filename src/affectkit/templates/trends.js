(function () {
  var data = JSON.parse(document.getElementById("data").textContent);
  var colors = ["#1f77b4","#d62728","#2ca02c","#9467bd","#ff7f0e","#8c564b","#e377c2","#17becf","#7f7f7f",
                "#bcbd22"];
  var NS = "http://www.w3.org/2000/svg", svg = document.getElementById("chart"), tip = document.getElementById("tip");
  var groupBox = document.getElementById("group"), controls = document.getElementById("controls");
  var groups = [];
  data.rows.forEach(function (r) { if (groups.indexOf(r.group) < 0) groups.push(r.group); });
  groups.forEach(function (g) { var o = document.createElement("option"); o.value = o.textContent = g;
    groupBox.appendChild(o); });
  data.metrics.forEach(function (m) {
    var label = document.createElement("label"), box = document.createElement("input");
    box.type = "checkbox"; box.value = m; box.checked = data.shown.indexOf(m) >= 0; box.onchange = draw;
    label.appendChild(box); label.appendChild(document.createTextNode(" " + m)); controls.appendChild(label);
  });
  groupBox.onchange = draw;
  function el(name, attrs, parent) { var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]); parent.appendChild(e); return e; }
  function draw() {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var group = groupBox.value, chosen = [];
    controls.querySelectorAll("input").forEach(function (b) { if (b.checked) chosen.push(b.value); });
    var rows = data.rows.filter(function (r) { return r.group === group; });
    var ahead = data.forecast.filter(function (r) { return r.group === group && chosen.indexOf(r.metric) >= 0; });
    var dates = rows.map(function (r) { return r.period; });
    ahead.forEach(function (r) { if (dates.indexOf(r.period) < 0) dates.push(r.period); });
    dates.sort();
    var lo = Infinity, hi = -Infinity;
    chosen.forEach(function (m) { rows.forEach(function (r) { var v = r[m];
      if (v !== null && v !== undefined) { lo = Math.min(lo, v); hi = Math.max(hi, v); } }); });
    ahead.forEach(function (r) { lo = Math.min(lo, r.lo_80); hi = Math.max(hi, r.hi_80); });
    if (!isFinite(lo)) { lo = 0; hi = 1; } if (hi === lo) { hi += 0.5; lo -= 0.5; }
    var W = 960, H = 420, L = 50, R = 20, T = 15, B = 40;
    function x(d) { var i = dates.indexOf(d);
      return L + (dates.length > 1 ? i / (dates.length - 1) : 0.5) * (W - L - R); }
    function y(v) { return T + (1 - (v - lo) / (hi - lo)) * (H - T - B); }
    for (var t = 0; t <= 4; t++) { var v = lo + (hi - lo) * t / 4;
      el("line", {x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#eee"}, svg);
      el("text", {x: 4, y: y(v) + 4, "font-size": 11}, svg).textContent = v.toFixed(2); }
    var every = Math.max(1, Math.ceil(dates.length / 10));
    dates.forEach(function (d, i) { if (i % every === 0)
      el("text", {x: x(d), y: H - 18, "font-size": 11, "text-anchor": "middle"}, svg).textContent = d; });
    chosen.forEach(function (m, k) {
      var color = colors[k % colors.length], path = "", band = [], up = [], down = [];
      rows.forEach(function (r) { var v = r[m]; if (v === null || v === undefined) return;
        path += (path ? "L" : "M") + x(r.period).toFixed(1) + "," + y(v).toFixed(1); });
      el("path", {d: path, fill: "none", stroke: color, "stroke-width": 2}, svg);
      rows.forEach(function (r) { var v = r[m]; if (v === null || v === undefined) return;
        var c = el("circle", {cx: x(r.period), cy: y(v), r: 3, fill: color}, svg);
        c.onmousemove = function (e) { tip.style.display = "block"; tip.style.left = e.pageX + 12 + "px";
          tip.style.top = e.pageY + 12 + "px"; tip.textContent = m + " " + r.period + ": " + v.toFixed(3) +
          " (n=" + r.n + ")"; };
        c.onmouseout = function () { tip.style.display = "none"; }; });
      var f = ahead.filter(function (r) { return r.metric === m; });
      if (f.length) {
        f.forEach(function (r) { up.push(x(r.period).toFixed(1) + "," + y(r.hi_80).toFixed(1));
          down.unshift(x(r.period).toFixed(1) + "," + y(r.lo_80).toFixed(1)); });
        el("polygon", {points: up.concat(down).join(" "), fill: color, opacity: 0.15}, svg);
        el("path", {d: "M" + f.map(function (r) { return x(r.period).toFixed(1) + "," + y(r.mean).toFixed(1); })
          .join("L"), fill: "none", stroke: color, "stroke-dasharray": "2,3", "stroke-width": 2}, svg);
      }
      data.changes.filter(function (c) { return c.group === group && c.metric === m; }).forEach(function (c) {
        el("line", {x1: x(c.period), x2: x(c.period), y1: T, y2: H - B, stroke: color, "stroke-dasharray": "6,4"}, svg);
      });
      el("text", {x: L + 10 + 150 * (k % 5), y: T + 12 + 14 * Math.floor(k / 5), fill: color, "font-size": 12},
        svg).textContent = m;
    });
  }
  var table = document.getElementById("changes");
  data.changes.forEach(function (c) { var tr = document.createElement("tr");
    [c.group, c.metric, c.period, c.before, c.after].forEach(function (v) { var td = document.createElement("td");
      td.textContent = v; tr.appendChild(td); }); table.appendChild(tr); });
  draw();
})();
