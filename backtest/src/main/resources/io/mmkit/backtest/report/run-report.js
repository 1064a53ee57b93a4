// Draws a run report's four linked charts with uPlot from the JSON in #run-data. Kept free of any network
// access: everything it needs is in the page.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("run-data").textContent);
  var charts = [];
  var syncing = false;
  var cursorSync = uPlot.sync("run");
  var tip = document.getElementById("fill-tip");
  var BUY = "#1a9850", SELL = "#d73027";

  function utc(ts) { return uPlot.tzDate(new Date(ts * 1e3), "Etc/UTC"); }
  function timeText(ts) { return ts == null ? "-" : new Date(ts * 1e3).toISOString().replace("T", " ").replace("Z", ""); }
  // 24-hour UTC tick labels; the date under the first tick and wherever the day changes.
  function timeTicks(u, splits, axisIdx, space, incr) {
    var lastDay = null;
    return splits.map(function (v) {
      var iso = new Date(v * 1e3).toISOString(), day = iso.substr(0, 10);
      var time = incr >= 86400 ? "" : incr < 60 ? iso.substr(11, 8) : iso.substr(11, 5);
      var label = day !== lastDay ? (time ? time + "\n" + day : day) : time;
      lastDay = day;
      return label;
    });
  }
  function num(digits) { return function (u, v) { return v == null ? "-" : (+v).toFixed(digits); }; }
  function width() { return Math.max(600, Math.min(1500, document.documentElement.clientWidth - 50)); }
  var priceDigits = Math.min(8, Math.max(2, decimals(D.fills.length ? D.fills[0].price : "0.01")));
  function decimals(s) { var i = String(s).indexOf("."); return i < 0 ? 0 : String(s).length - i - 1; }

  // Zoom on one chart moves the others: the x scales are kept equal.
  function shareX(u, key) {
    if (key !== "x" || syncing) return;
    syncing = true;
    charts.forEach(function (c) { if (c !== u) c.setScale("x", { min: u.scales.x.min, max: u.scales.x.max }); });
    syncing = false;
  }

  // Mouse wheel zooms about the cursor; shift-drag (or middle-drag) pans. Double-click resets (uPlot).
  function wheelAndPan() {
    return { hooks: { ready: function (u) {
      var over = u.over;
      over.addEventListener("wheel", function (e) {
        e.preventDefault();
        var x = u.scales.x, range = x.max - x.min;
        var at = u.posToVal(e.offsetX, "x");
        var f = e.deltaY < 0 ? 0.8 : 1.25;
        var min = at - (at - x.min) * f, max = min + range * f;
        var lo = D.t[0], hi = D.t[D.t.length - 1];
        if (max - min >= hi - lo) { min = lo; max = hi; }
        u.setScale("x", { min: Math.max(lo, min), max: Math.min(hi, max) });
      }, { passive: false });
      u.root.addEventListener("mousedown", function (e) {
        if (!(e.shiftKey || e.button === 1)) return;
        e.stopPropagation();
        e.preventDefault();
        var x0 = e.clientX, min0 = u.scales.x.min, max0 = u.scales.x.max;
        var perPx = (max0 - min0) / u.over.clientWidth;
        function move(m) {
          var d = (m.clientX - x0) * perPx;
          u.setScale("x", { min: min0 - d, max: max0 - d });
        }
        function up() { document.removeEventListener("mousemove", move); document.removeEventListener("mouseup", up); }
        document.addEventListener("mousemove", move);
        document.addEventListener("mouseup", up);
      }, true);
    } } };
  }

  function make(id, title, height, series, data, extra) {
    var opts = {
      title: title, width: width(), height: height, tzDate: utc,
      cursor: { sync: { key: cursorSync.key }, drag: { x: true, y: false } },
      scales: { x: { time: true } },
      axes: [{ stroke: "#444", grid: { stroke: "#eee" }, values: timeTicks, space: 70 }, { stroke: "#444", size: 80, grid: { stroke: "#eee" } }],
      series: [{ label: "time (UTC)", value: function (u, v) { return timeText(v); } }].concat(series),
      hooks: { setScale: [shareX] },
      plugins: [wheelAndPan()]
    };
    Object.keys(extra || {}).forEach(function (k) { opts[k] = extra[k]; });
    var u = new uPlot(opts, data, document.getElementById(id));
    charts.push(u);
    return u;
  }

  var stepped = uPlot.paths.stepped({ align: 1 });
  var qtyMax = D.fills.reduce(function (m, f) { return Math.max(m, +f.quantity); }, 0) || 1;
  function radius(f) { return 3 + 9 * Math.sqrt(+f.quantity / qtyMax); }

  // Fills are not on the sample grid, so they are drawn over the chart rather than as a uPlot series:
  // one circle per fill, area by quantity, translucent so overlapping fills stay visible.
  function drawFills(u) {
    var ctx = u.ctx, dpr = devicePixelRatio, x = u.scales.x;
    ctx.save();
    ctx.beginPath();
    ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
    ctx.clip();
    D.fills.forEach(function (f) {
      if (f.t < x.min || f.t > x.max) return;
      var cx = u.valToPos(f.t, "x", true), cy = u.valToPos(+f.price, "y", true);
      ctx.beginPath();
      ctx.arc(cx, cy, radius(f) * dpr, 0, 2 * Math.PI);
      ctx.fillStyle = f.buy ? "rgba(26,152,80,0.35)" : "rgba(215,48,39,0.35)";
      ctx.strokeStyle = f.buy ? BUY : SELL;
      ctx.lineWidth = 1.5 * dpr;
      ctx.fill();
      ctx.stroke();
    });
    ctx.restore();
  }

  // The fills under the pointer (CSS pixels inside the plot), nearest first.
  function fillsAt(u, left, top) {
    var hits = [];
    D.fills.forEach(function (f) {
      var dx = u.valToPos(f.t, "x") - left, dy = u.valToPos(+f.price, "y") - top;
      var d = Math.sqrt(dx * dx + dy * dy);
      if (d <= radius(f) + 3) hits.push({ f: f, d: d });
    });
    hits.sort(function (a, b) { return a.d - b.d; });
    return hits.map(function (h) { return h.f; });
  }

  function showTip(u, hits, left, top) {
    if (!hits.length) { tip.hidden = true; return; }
    var shown = hits.slice(0, 6).map(function (f) {
      return "<div><b class=\"" + (f.buy ? "buy\">BUY" : "sell\">SELL") + "</b> " + f.quantity + " @ " + f.price +
        " · fee " + f.fee + " " + f.feeAsset + " · " + f.liquidity + "<br>" + timeText(f.t) + " UTC · " + f.id + "</div>";
    }).join("");
    if (hits.length > 6) shown += "<div>… and " + (hits.length - 6) + " more here</div>";
    tip.innerHTML = (hits.length > 1 ? "<div>" + hits.length + " fills here</div>" : "") + shown;
    var r = u.over.getBoundingClientRect();
    tip.style.left = (window.scrollX + r.left + left + 14) + "px";
    tip.style.top = (window.scrollY + r.top + top + 14) + "px";
    tip.hidden = false;
  }

  function priceRange(u, min, max) {
    var x = u.scales.x, lo = min, hi = max;
    D.fills.forEach(function (f) {
      if (x.min != null && (f.t < x.min || f.t > x.max)) return;
      var p = +f.price;
      lo = lo == null ? p : Math.min(lo, p);
      hi = hi == null ? p : Math.max(hi, p);
    });
    if (lo == null) return [0, 1];
    var pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.001 || 1;
    return [lo - pad, hi + pad];
  }

  var price = make("chart-price", "Price: bid/ask band, our quotes, our fills", 380, [
    { label: "bid", stroke: "#7a9cc6", width: 1, value: num(priceDigits) },
    { label: "ask", stroke: "#c69a7a", width: 1, value: num(priceDigits) },
    { label: "our bid", stroke: BUY, width: 1.5, dash: [6, 3], paths: stepped, value: num(priceDigits) },
    { label: "our ask", stroke: SELL, width: 1.5, dash: [6, 3], paths: stepped, value: num(priceDigits) }
  ], [D.t, D.bid, D.ask, D.ourBid, D.ourAsk], {
    bands: [{ series: [2, 1], fill: "rgba(120,140,180,0.15)" }],
    scales: { x: { time: true }, y: { range: priceRange } },
    hooks: { setScale: [shareX], draw: [drawFills] }
  });
  var overPrice = false;
  price.over.addEventListener("mouseenter", function () { overPrice = true; });
  price.over.addEventListener("mouseleave", function () { overPrice = false; tip.hidden = true; });
  price.over.addEventListener("mousemove", function (e) {
    var left = e.clientX - price.over.getBoundingClientRect().left, top = e.clientY - price.over.getBoundingClientRect().top;
    if (overPrice) showTip(price, fillsAt(price, left, top), left, top);
  });

  make("chart-position", "Inventory (base units)", 200,
    [{ label: "inventory", stroke: "#7b3294", width: 1.5, paths: stepped, fill: "rgba(123,50,148,0.1)", value: num(6) }],
    [D.t, D.position]);
  make("chart-equity", "Equity: net PnL (quote)", 220,
    [{ label: "equity", stroke: "#2c7bb6", width: 1.5, value: num(4) }], [D.t, D.equity]);
  make("chart-drawdown", "Drawdown from peak (quote)", 180,
    [{ label: "drawdown", stroke: "#d7191c", width: 1, fill: "rgba(215,25,28,0.25)", value: num(4) }],
    [D.t, D.drawdown]);

  window.addEventListener("resize", function () {
    charts.forEach(function (c) { c.setSize({ width: width(), height: c.height }); });
  });

  // For tests and the curious: where fill i is drawn, in page (client) pixels.
  window.mmkitReport = {
    charts: charts,
    fills: D.fills,
    fillPoint: function (i) {
      var f = D.fills[i], r = price.over.getBoundingClientRect();
      return { x: r.left + price.valToPos(f.t, "x"), y: r.top + price.valToPos(+f.price, "y") };
    }
  };
})();
