// A minimal DOM for node: runs the script of a trends.html page (argv[2]) and prints what it drew, as JSON.
const fs = require("fs");
const html = fs.readFileSync(process.argv[2], "utf8");
const data = html.match(/<script id="data" type="application\/json">([\s\S]*?)<\/script>/)[1];
const code = html.match(/<script>\n([\s\S]*?)<\/script>/)[1];
function Node(tag) { this.tagName = tag; this.children = []; this.attrs = {}; this.style = {}; this.textContent = "";
  this.checked = false; this.value = ""; }
Node.prototype.appendChild = function (c) { this.children.push(c); c.parentNode = this; return c; };
Node.prototype.removeChild = function (c) { this.children.splice(this.children.indexOf(c), 1); };
Object.defineProperty(Node.prototype, "firstChild", { get() { return this.children[0] || null; } });
Node.prototype.setAttribute = function (k, v) { this.attrs[k] = String(v); };
Node.prototype.querySelectorAll = function (sel) { const out = []; sel = sel.toUpperCase() === "INPUT" ? "input" : sel;
  (function walk(n) { n.children.forEach(c => { if (c.tagName === sel) out.push(c); walk(c); }); })(this); return out; };
const ids = {};
["group", "controls", "chart", "tip", "changes"].forEach(id => ids[id] = new Node(id));
ids.data = { textContent: data };
global.document = { getElementById: id => ids[id], createElement: t => new Node(t),
  createElementNS: (ns, t) => new Node(t), createTextNode: t => { const n = new Node("#text"); n.textContent = t; return n; } };
const groupBox = ids.group;
Object.defineProperty(groupBox, "value", { get() { return this.children.length ? this.children[0].value : ""; },
  set(v) {} });
eval(code);
const svg = ids.chart, count = t => svg.children.filter(c => c.tagName === t).length;
const bad = svg.children.filter(c => c.tagName === "path" && /NaN|undefined/.test(c.attrs.d || ""));
console.log(JSON.stringify({paths: count("path"), circles: count("circle"), polygons: count("polygon"),
  lines: count("line"), bad: bad.length, groups: groupBox.children.length, boxes: ids.controls.children.length,
  changeRows: ids.changes.children.length}));
