// The mmkit dashboard: polls /api/instances, draws the instance table, and for the selected instance its
// PnL and position charts (uPlot), open orders, recent fills and log tail. window.mmkitDashboard is for tests.
(function () {
  'use strict';
  var REFRESH_MS = 2000;
  var state = { instances: [], selected: null, refreshes: 0, charts: {}, busy: {} };
  window.mmkitDashboard = state;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function num(v) { return v === null || v === undefined ? '-' : String(v); }
  function signed(td, v) {
    if (v !== null && v !== undefined) { td.classList.add(Number(v) < 0 ? 'neg' : (Number(v) > 0 ? 'pos' : 'zero')); }
    return td;
  }
  function stateClass(v) {
    if (v.verdict === 0) { return 'running'; }
    return v.verdict === 1 ? 'trouble' : 'stopped';
  }
  function lastExit(v) {
    if (v.lastExitCode === null || v.lastExitCode === undefined) { return '-'; }
    return 'exit ' + v.lastExitCode + (v.lastOutcome ? ' ' + v.lastOutcome : '');
  }

  function drawTable() {
    var body = document.querySelector('#instances tbody');
    body.textContent = '';
    state.instances.forEach(function (v) {
      var tr = el('tr');
      tr.dataset.instance = v.instance;
      if (v.instance === state.selected) { tr.classList.add('selected'); }
      tr.appendChild(el('td', v.instance, 'instance'));
      tr.appendChild(el('td', v.state, 'state ' + stateClass(v)));
      tr.appendChild(el('td', v.uptime || '-', 'uptime'));
      tr.appendChild(el('td', v.strategy || '-', 'strategy'));
      tr.appendChild(el('td', v.symbol || '-', 'symbol'));
      tr.appendChild(el('td', num(v.position), 'position'));
      tr.appendChild(signed(el('td', num(v.realizedPnl), 'realized'), v.realizedPnl));
      tr.appendChild(signed(el('td', num(v.unrealizedPnl), 'unrealized'), v.unrealizedPnl));
      tr.appendChild(signed(el('td', num(v.netPnl), 'net-pnl'), v.netPnl));
      tr.appendChild(el('td', num(v.fillsToday), 'fills'));
      tr.appendChild(el('td', v.source === 'none' ? '-' : v.openOrders.length, 'orders'));
      tr.appendChild(el('td', lastExit(v), 'last-exit'));
      var td = el('td');
      var running = v.verdict === 0 || v.state === 'starting';
      var b = el('button', running ? 'stop' : 'start', running ? 'stop' : 'start');
      b.disabled = !!state.busy[v.instance] || (!running && !v.config);
      b.addEventListener('click', function (e) { e.stopPropagation(); act(v.instance, running ? 'stop' : 'start'); });
      td.appendChild(b);
      tr.appendChild(td);
      tr.addEventListener('click', function () { select(v.instance); });
      body.appendChild(tr);
    });
    var up = state.instances.filter(function (v) { return v.verdict === 0; }).length;
    document.getElementById('summary').textContent = state.instances.length + ' instance(s), ' + up + ' running';
    document.getElementById('refreshed').textContent = 'updated ' + new Date().toLocaleTimeString();
  }

  function chart(id, label, color, xs, ys) {
    var box = document.getElementById(id);
    var data = [xs, ys];
    var existing = state.charts[id];
    if (existing) { existing.setData(data); return; }
    var width = Math.max(300, box.clientWidth - 10);
    state.charts[id] = new uPlot({ width: width, height: 220, scales: { x: { time: true } },
      series: [{}, { label: label, stroke: color, width: 2 }], legend: { show: false } }, data, box);
  }

  function drawDetail() {
    var v = state.instances.find(function (x) { return x.instance === state.selected; });
    var section = document.getElementById('detail');
    if (!v) { section.hidden = true; return; }
    section.hidden = false;
    document.getElementById('detail-title').textContent = v.instance + ' — ' + v.state;
    document.getElementById('detail-source').textContent = v.source === 'live' ? 'live from ' + v.endpoint
      : (v.source === 'store' ? 'from its store (not running)' : '');
    var xs = v.history.map(function (p) { return p.t; });
    chart('chart-pnl', 'net PnL', '#1a73e8', xs, v.history.map(function (p) { return Number(p.netPnl); }));
    chart('chart-position', 'position', '#e37400', xs, v.history.map(function (p) { return Number(p.position); }));
    var orders = document.querySelector('#orders tbody');
    orders.textContent = '';
    v.openOrders.forEach(function (o) {
      var tr = el('tr');
      tr.appendChild(el('td', o.side, o.side === 'BUY' ? 'pos' : 'neg'));
      [o.price, o.quantity, o.distanceToTouch, o.clientOrderId].forEach(function (x) { tr.appendChild(el('td', num(x))); });
      orders.appendChild(tr);
    });
    document.getElementById('orders-count').textContent = '(' + v.openOrders.length + ')';
    var fills = document.querySelector('#fills tbody');
    fills.textContent = '';
    v.recentFills.slice().reverse().forEach(function (f) {
      var tr = el('tr');
      tr.appendChild(el('td', String(f.time).replace('T', ' ').substring(0, 19)));
      tr.appendChild(el('td', f.side, f.side === 'BUY' ? 'pos' : 'neg'));
      [f.price, f.quantity, f.fee].forEach(function (x) { tr.appendChild(el('td', num(x))); });
      fills.appendChild(tr);
    });
    document.getElementById('last-error').textContent = v.lastError || 'none';
    document.getElementById('log-name').textContent = v.log || '';
  }

  function select(id) {
    if (state.selected !== id) {
      Object.keys(state.charts).forEach(function (k) { state.charts[k].destroy(); });
      state.charts = {};
      document.getElementById('chart-pnl').textContent = '';
      document.getElementById('chart-position').textContent = '';
    }
    state.selected = id;
    drawTable();
    drawDetail();
    refreshLog();
  }

  function refreshLog() {
    if (!state.selected) { return; }
    fetch('/api/instances/' + encodeURIComponent(state.selected) + '/log').then(function (r) { return r.json(); })
      .then(function (body) {
        var pre = document.getElementById('log');
        pre.textContent = body.lines.join('\n');
        pre.scrollTop = pre.scrollHeight; // the newest lines in view
      })
      .catch(function () { });
  }

  function act(id, action) {
    state.busy[id] = true;
    drawTable();
    document.getElementById('message').textContent = action + ' ' + id + '…';
    fetch('/api/instances/' + encodeURIComponent(id) + '/' + action,
      { method: 'POST', headers: { 'X-Mmkit-Dashboard': '1' } })
      .then(function (r) { return r.json(); })
      .then(function (o) {
        document.getElementById('message').textContent = (o.status === 0 ? '' : 'failed (exit ' + o.status + '): ')
          + (o.output || o.error || '').trim();
      })
      .catch(function (e) { document.getElementById('message').textContent = action + ' ' + id + ' failed: ' + e; })
      .then(function () { delete state.busy[id]; refresh(); });
  }

  function refresh() {
    return fetch('/api/instances').then(function (r) { return r.json(); }).then(function (list) {
      state.instances = list;
      state.refreshes++;
      if (!state.selected && list.length > 0) { state.selected = list[0].instance; }
      drawTable();
      drawDetail();
      refreshLog();
    }).catch(function (e) { document.getElementById('summary').textContent = 'cannot reach the dashboard: ' + e; });
  }

  refresh();
  setInterval(refresh, REFRESH_MS);
})();
