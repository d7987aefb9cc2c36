// The report's 3D lesion viewer: plain canvas, no library, works from file://.
// Data: viewer/cases.js lists the lesions; viewer/case-N.js calls WSSS_VIEWER_LOAD with one
// lesion (CT as base64 16-bit little-endian HU, masks as base64 bits, x fastest, then y, then z).
(function () {
  'use strict';

  var VIEW_PX = 320;
  var index = window.WSSS_VIEWER_INDEX || [];
  var cache = {};
  var state = { d: null, pos: [0, 0, 0], opacity: 0.45, outline: true, level: 40, width: 400 };
  var drawCount = 0;

  function el(id) { return document.getElementById(id); }

  function status(text, isError) {
    var s = el('status');
    s.textContent = text;
    s.className = isError ? 'error' : '';
  }

  function bytes(b64) {
    var bin = atob(b64);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { out[i] = bin.charCodeAt(i); }
    return out;
  }

  function rgb(hex) {
    var v = parseInt(hex.slice(1), 16);
    return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  }

  // Called by each viewer/case-N.js.
  window.WSSS_VIEWER_LOAD = function (d) {
    var raw = bytes(d.ct);
    var view = new DataView(raw.buffer);
    d.hu = new Int16Array(raw.length / 2);
    for (var i = 0; i < d.hu.length; i++) { d.hu[i] = view.getInt16(2 * i, true); }
    d.layers.forEach(function (l, k) {
      l.mask = bytes(l.bits);
      l.rgb = rgb(l.colour);
      // Ground truth and the last method start visible; the others are one click away.
      l.on = k === 0 || k === d.layers.length - 1;
    });
    cache[d.id] = d;
    show(d);
  };

  function pick(i) {
    var entry = index[i];
    if (!entry) { return; }
    el('case').value = String(i);
    if (cache[entry.id]) { show(cache[entry.id]); return; }
    status('Loading ' + entry.id + '...');
    var s = document.createElement('script');
    s.src = entry.file;
    s.onerror = function () { status('Cannot load ' + entry.file + ' (is the report folder complete?)', true); };
    document.body.appendChild(s);
  }

  function show(d) {
    state.d = d;
    state.pos = [Math.round(d.recistCenter[0]), Math.round(d.recistCenter[1]), d.recistZ];
    state.level = d.window[0];
    state.width = d.window[1];
    el('level').value = Math.round(state.level);
    el('width').value = Math.round(state.width);
    el('preset').value = 'case';
    var box = el('layers');
    box.textContent = '';
    d.layers.forEach(function (l, k) {
      var label = document.createElement('label');
      var cb = document.createElement('input');
      cb.type = 'checkbox';
      cb.id = 'layer-' + k;
      cb.checked = l.on;
      cb.addEventListener('change', function () { l.on = cb.checked; draw(); });
      var sw = document.createElement('span');
      sw.className = 'swatch';
      sw.style.background = l.colour;
      label.appendChild(cb);
      label.appendChild(sw);
      label.appendChild(document.createTextNode(l.name + (l.dice === null ? '' : ' (3D Dice ' + l.dice.toFixed(3) + ')')));
      box.appendChild(label);
    });
    var n = d.size;
    setRange('xpos', n[0] - 1, state.pos[0]);
    setRange('ypos', n[1] - 1, state.pos[1]);
    setRange('zpos', n[2] - 1, state.pos[2]);
    layout();
    draw();
  }

  function setRange(id, max, value) {
    var r = el(id);
    r.max = String(max);
    r.value = String(value);
  }

  // Canvas sizes in proportion to millimetres, the largest side VIEW_PX.
  function layout() {
    var d = state.d, n = d.size, s = d.spacing;
    var mm = [n[0] * s[0], n[1] * s[1], n[2] * s[2]];
    var k = VIEW_PX / Math.max(mm[0], mm[1], mm[2]);
    size('axial', mm[0] * k, mm[1] * k);
    size('coronal', mm[0] * k, mm[2] * k);
    size('sagittal', mm[1] * k, mm[2] * k);
  }

  function size(id, w, h) {
    var c = el(id);
    c.width = Math.max(1, Math.round(w));
    c.height = Math.max(1, Math.round(h));
  }

  function bit(mask, i) { return (mask[i >> 3] >> (i & 7)) & 1; }

  // The image of one plane: u, v -> voxel index; w x h voxels.
  function plane(w, h, voxel, inPlane) {
    var d = state.d;
    var img = new ImageData(w, h);
    var lo = state.level - state.width / 2, scale = 255 / state.width;
    var layers = d.layers.filter(function (l) { return l.on; });
    var a = state.opacity;
    for (var v = 0; v < h; v++) {
      for (var u = 0; u < w; u++) {
        var i = voxel(u, v);
        var g = Math.max(0, Math.min(255, (d.hu[i] - lo) * scale));
        var r = g, gg = g, b = g;
        for (var k = 0; k < layers.length; k++) {
          var m = layers[k].mask;
          if (!bit(m, i)) { continue; }
          if (state.outline && !edge(m, u, v, w, h, voxel)) { continue; }
          var c = layers[k].rgb, t = state.outline ? Math.max(a, 0.9) : a;
          r = r * (1 - t) + c[0] * t;
          gg = gg * (1 - t) + c[1] * t;
          b = b * (1 - t) + c[2] * t;
        }
        var o = 4 * (v * w + u);
        img.data[o] = r;
        img.data[o + 1] = gg;
        img.data[o + 2] = b;
        img.data[o + 3] = 255;
      }
    }
    return img;
  }

  function edge(m, u, v, w, h, voxel) {
    return u === 0 || v === 0 || u === w - 1 || v === h - 1 || !bit(m, voxel(u - 1, v)) || !bit(m, voxel(u + 1, v))
      || !bit(m, voxel(u, v - 1)) || !bit(m, voxel(u, v + 1));
  }

  function paint(id, img, cu, cv) {
    var c = el(id), ctx = c.getContext('2d');
    var off = document.createElement('canvas');
    off.width = img.width;
    off.height = img.height;
    off.getContext('2d').putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(off, 0, 0, c.width, c.height);
    // Crosshair through the current position, at voxel centres.
    var x = (cu + 0.5) * c.width / img.width, y = (cv + 0.5) * c.height / img.height;
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.45)'; // white: no method has it
    ctx.lineWidth = 1;
    ctx.setLineDash([4, 4]);
    ctx.beginPath();
    ctx.moveTo(x, 0); ctx.lineTo(x, c.height);
    ctx.moveTo(0, y); ctx.lineTo(c.width, y);
    ctx.stroke();
  }

  function draw() {
    var d = state.d;
    if (!d) { return; }
    var n = d.size, p = state.pos, nx = n[0], ny = n[1];
    paint('axial', plane(nx, ny, function (u, v) { return (p[2] * ny + v) * nx + u; }), p[0], p[1]);
    paint('coronal', plane(nx, n[2], function (u, v) { return (v * ny + p[1]) * nx + u; }), p[0], p[2]);
    paint('sagittal', plane(ny, n[2], function (u, v) { return (v * ny + u) * nx + p[0]; }), p[1], p[2]);
    var hu = d.hu[(p[2] * ny + p[1]) * nx + p[0]];
    el('zlabel').textContent = 'slice ' + d.sliceIndices[p[2]] + (p[2] === d.recistZ ? ' (RECIST slice)' : '');
    el('ylabel').textContent = 'row ' + (d.origin[1] + p[1]);
    el('xlabel').textContent = 'column ' + (d.origin[0] + p[0]);
    status(d.id + ' (' + d.category + '): voxel (' + (d.origin[0] + p[0]) + ', ' + (d.origin[1] + p[1]) + ', slice '
      + d.sliceIndices[p[2]] + ') ' + hu + ' HU. Click a view to move the other two; the sliders move each plane.');
    drawCount++;
    document.body.setAttribute('data-drawn', String(drawCount));
  }

  function clickTo(id, setter) {
    el(id).addEventListener('click', function (ev) {
      var c = ev.currentTarget, r = c.getBoundingClientRect();
      setter((ev.clientX - r.left) / r.width, (ev.clientY - r.top) / r.height);
      syncRanges();
      draw();
    });
  }

  function syncRanges() {
    el('xpos').value = String(state.pos[0]);
    el('ypos').value = String(state.pos[1]);
    el('zpos').value = String(state.pos[2]);
  }

  function clamp(v, n) { return Math.max(0, Math.min(n - 1, Math.floor(v * n))); }

  function wire() {
    state.outline = el('outline').checked;
    state.opacity = Number(el('opacity').value) / 100;
    var sel = el('case');
    index.forEach(function (e, i) {
      var o = document.createElement('option');
      o.value = String(i);
      o.textContent = e.id + ' (' + e.category + ')';
      sel.appendChild(o);
    });
    sel.addEventListener('change', function () { pick(Number(sel.value)); });
    [['xpos', 0], ['ypos', 1], ['zpos', 2]].forEach(function (a) {
      el(a[0]).addEventListener('input', function () { state.pos[a[1]] = Number(el(a[0]).value); draw(); });
    });
    el('opacity').addEventListener('input', function () { state.opacity = Number(el('opacity').value) / 100; draw(); });
    el('outline').addEventListener('change', function () { state.outline = el('outline').checked; draw(); });
    function win() {
      var l = Number(el('level').value), w = Number(el('width').value);
      if (isFinite(l) && isFinite(w) && w > 0) { state.level = l; state.width = w; draw(); }
    }
    el('level').addEventListener('input', win);
    el('width').addEventListener('input', win);
    el('preset').addEventListener('change', function () {
      var v = el('preset').value;
      var lw = v === 'case' ? state.d.window : v.split(',').map(Number);
      el('level').value = Math.round(lw[0]);
      el('width').value = Math.round(lw[1]);
      win();
    });
    clickTo('axial', function (fx, fy) {
      state.pos[0] = clamp(fx, state.d.size[0]); state.pos[1] = clamp(fy, state.d.size[1]);
    });
    clickTo('coronal', function (fx, fy) {
      state.pos[0] = clamp(fx, state.d.size[0]); state.pos[2] = clamp(fy, state.d.size[2]);
    });
    clickTo('sagittal', function (fx, fy) {
      state.pos[1] = clamp(fx, state.d.size[1]); state.pos[2] = clamp(fy, state.d.size[2]);
    });
    window.addEventListener('hashchange', fromHash);
  }

  // viewer.html#case=ID opens that lesion (the report's lesion table links so).
  function fromHash() {
    var m = /case=([^&]+)/.exec(location.hash);
    var id = m ? decodeURIComponent(m[1]) : null;
    for (var i = 0; i < index.length; i++) {
      if (index[i].id === id) { pick(i); return true; }
    }
    return false;
  }

  wire();
  if (index.length === 0) {
    status('This report has no lesion to show.', true);
  } else if (!fromHash()) {
    pick(0);
  }
})();
