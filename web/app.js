// The dashboard: controls built from the server's metadata (/api/scenarios/N/controls), a
// what-if posted on every change, and charts of the runs it returns. Everything shown comes
// from the API (docs/dashboard.md); nothing here computes a result.
import uPlot from './vendor/uplot-1.6.32/uPlot.esm.js';

const $ = (id) => document.getElementById(id);
const state = { scenario: 0, controls: null, baseline: null, run: null, runA: null, labelA: '', whatIf: {}, charts: {} };
window.entente = state;  // for the browser tests and the curious

async function api(path, options) {
  const res = await fetch(path, options);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

function status(text) { $('status').textContent = text; }

// ---------------------------------------------------------------- controls from metadata

function slider({ id, label, min, max, value, unit, meaning, onChange }) {
  const div = document.createElement('div');
  div.className = 'control';
  const step = (max - min) / 200;
  div.innerHTML = `<label for="${id}"></label><output for="${id}"></output>
    <input type="range" id="${id}" min="${min}" max="${max}" step="${step}" value="${value}">
    <span class="meaning"></span>`;
  div.querySelector('label').textContent = label;
  div.querySelector('.meaning').textContent = [meaning, unit && `(${unit})`, `default ${fmt(value)}`].filter(Boolean).join(' ');
  const input = div.querySelector('input'), out = div.querySelector('output');
  out.textContent = fmt(value);
  input.addEventListener('input', () => {
    out.textContent = fmt(+input.value);
    div.classList.toggle('changed', +input.value !== value);
    onChange(+input.value);
  });
  return div;
}

// A slider's span: the legal range, narrowed to ×4 around the default when the range is
// orders of magnitude wider (troop_scale 1..1e7), so that a move is a sensible change.
function span(min, max, value) {
  if (value > 0 && max - min > 20 * value) return [Math.max(min, value / 4), Math.min(max, value * 4)];
  return [min, max];
}

function group(title, open = false) {
  const d = document.createElement('details');
  d.open = open;
  d.innerHTML = '<summary></summary>';
  d.querySelector('summary').textContent = title;
  $('control-groups').append(d);
  return d;
}

function buildControls(c) {
  $('control-groups').replaceChildren();
  const models = group('Bargaining model');
  const select = document.createElement('select');
  select.id = 'model';
  for (const m of c.models) select.add(new Option(`${m.name} — ${m.summary}`, m.name, false, m.name === c.model.split('(')[0]));
  select.addEventListener('change', () => { state.whatIf.model = select.value; changed(); });
  models.append(select);

  const params = group('Alliance parameters', matchMedia('(min-width: 801px)').matches);
  for (const p of c.parameters) {
    const [lo, hi] = span(p.min, p.max, p.default);
    params.append(slider({ id: `param-${p.name}`, label: p.name, min: lo, max: hi, value: p.default, unit: p.unit,
      meaning: p.meaning, onChange: (v) => { (state.whatIf.parameters ??= {})[p.name] = v; changed(); } }));
  }
  const lead = group('Leadership shares λ (the patron\'s share of the joint line, at the start)');
  for (const l of c.leadership)
    lead.append(slider({ id: `lead-${l.issue}`, label: l.issue, min: l.min, max: l.max, value: l.default, unit: 'share',
      onChange: (v) => { (state.whatIf.leadership ??= {})[l.issue] = v; changed(); } }));

  const troops = group('Troop level');
  const years = c.troops.years, levels = c.troops.levels;
  const yearInput = document.createElement('input');
  Object.assign(yearInput, { type: 'number', id: 'troops-year', min: c.start, max: c.horizon, value: 2004 >= c.start && 2004 <= c.end ? 2004 : c.start });
  const yearLabel = document.createElement('label');
  yearLabel.textContent = 'from year ';
  yearLabel.append(yearInput);
  troops.append(yearLabel);
  const at = () => levels[Math.max(0, Math.min(years.length - 1, +yearInput.value - c.start))] ?? 0;
  troops.append(slider({ id: 'troops-level', label: 'troops stationed', min: c.troops.min, max: c.troops.max, value: at(),
    unit: c.troops.unit, meaning: 'the patron\'s troops in the client from that year on',
    onChange: (v) => { state.whatIf.troops = { year: +yearInput.value, level: v }; changed(); } }));

  const stances = group('Start stances');
  const holder = document.createElement('select'), issue = document.createElement('select');
  holder.id = 'stance-holder'; issue.id = 'stance-issue';
  for (const h of c.holders) holder.add(new Option(h.name, h.name));
  for (const i of c.issues) issue.add(new Option(i.name, i.name));
  const stanceSliders = document.createElement('div');
  const drawStance = () => {
    const s = c.stances.find((x) => x.holder === holder.value && x.issue === issue.value);
    const iss = c.issues.find((x) => x.name === issue.value);
    const set = (key) => (v) => {
      state.whatIf.stances = (state.whatIf.stances ?? []).filter((x) => !(x.holder === s.holder && x.issue === s.issue) || (delete x[key], false));
      const prev = (state.whatIf.stances.find((x) => x.holder === s.holder && x.issue === s.issue));
      if (prev) prev[key] = v; else state.whatIf.stances.push({ holder: s.holder, issue: s.issue, [key]: v });
      changed();
    };
    stanceSliders.replaceChildren(
      slider({ id: 'stance-position', label: 'position', min: iss.min, max: iss.max, value: s.position, unit: 'points',
        meaning: `${iss.low_pole} … ${iss.high_pole}`, onChange: set('position') }),
      slider({ id: 'stance-salience', label: 'salience', min: 0, max: 1, value: s.salience, unit: 'share of attention', onChange: set('salience') }));
  };
  holder.addEventListener('change', drawStance);
  issue.addEventListener('change', drawStance);
  stances.append(holder, issue, stanceSliders);
  drawStance();

  const events = group('Event dates');
  const ev = document.createElement('select');
  ev.id = 'event-name';
  for (const e of c.events) ev.add(new Option(`${e.date} ${e.name}`, e.name));
  const evYear = document.createElement('input');
  Object.assign(evYear, { type: 'number', id: 'event-year', min: c.start, max: c.horizon });
  const syncYear = () => { evYear.value = c.events.find((e) => e.name === ev.value)?.year ?? c.start; };
  ev.addEventListener('change', syncYear);
  evYear.addEventListener('change', () => { (state.whatIf.event_dates ??= {})[ev.value] = +evYear.value; changed(); });
  syncYear();
  events.append(ev, evYear);
}

let pending = null;
function changed() {
  clearTimeout(pending);
  pending = setTimeout(runWhatIf, 60);
}

async function runWhatIf() {
  const started = performance.now();
  try {
    state.run = await api(`/api/scenarios/${state.scenario}/whatif`, { method: 'POST', body: JSON.stringify(state.whatIf) });
    status(`what-if answered in ${Math.round(performance.now() - started)} ms`);
    drawRuns();
  } catch (e) { status(`refused: ${e.message}`); }
}

// ---------------------------------------------------------------- charts

function fmt(x) {
  if (x === null || x === undefined) return '–';
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? x.toExponential(2) : (+x.toPrecision(4)).toString();
}

function width(el) { return Math.max(260, el.clientWidth - 4); }

// Every event labelled on the chart itself: a line at its year and its name written upward,
// one label per year (with "+n" for more), skipped only when the previous label is too near.
function eventLabels(events) {
  return {
    hooks: {
      draw: [(u) => {
        const ctx = u.ctx, top = u.bbox.top, bottom = u.bbox.top + u.bbox.height;
        ctx.save();
        ctx.font = `${Math.round(10 * devicePixelRatio)}px system-ui, sans-serif`;
        ctx.fillStyle = '#3b4252';
        let lastX = -Infinity;
        for (const [year, names] of Object.entries(events)) {
          const x = Math.round(u.valToPos(+year, 'x', true));
          if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
          ctx.strokeStyle = 'rgba(90,100,120,0.25)';
          ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, bottom); ctx.stroke();
          if (x - lastX < 12 * devicePixelRatio) continue;
          lastX = x;
          const text = names[0] + (names.length > 1 ? ` +${names.length - 1}` : '');
          // Written upward, its end 4 px under the plot's top edge, so it reads from below.
          ctx.save();
          ctx.translate(x + 2 * devicePixelRatio, top + 4 * devicePixelRatio);
          ctx.rotate(-Math.PI / 2);
          ctx.textAlign = 'right';
          ctx.textBaseline = 'top';
          ctx.fillText(text.length > 28 ? text.slice(0, 27) + '…' : text, 0, 0);
          ctx.restore();
        }
        ctx.restore();
      }],
    },
  };
}

function chart(key, el, series, data, opts = {}) {
  state.charts[key]?.destroy();
  el.replaceChildren();
  state.charts[key] = new uPlot({ width: width(el), height: opts.height ?? 240, series: [{}, ...series],
    scales: { x: { time: false }, ...(opts.scales ?? {}) }, axes: [{}, { size: 50 }, ...(opts.axes ?? [])],
    plugins: opts.plugins ?? [], bands: opts.bands ?? [], legend: { show: true } }, data, el);
}

const colours = ['#c8553d', '#1f5fbf', '#2e8b57', '#8a5cc2', '#d08c00', '#444'];

function aligned(run, other, name) {
  // `other`'s values on `run`'s years (the two may end in different years).
  if (!other) return run.years.map(() => null);
  return run.years.map((y) => { const i = other.years.indexOf(y); return i < 0 ? null : other.series[name]?.[i] ?? null; });
}

function drawRuns() {
  const b = state.run, a = state.runA, c = state.controls;
  // Strain (a yearly hazard, small) on the right axis; survival (0..1) on the left.
  const names = [['survival', colours[1], 'y'], ['strain', colours[0], 'h']];
  const series = [], data = [b.years];
  for (const [n, colour, scale] of names) {
    series.push({ label: `${n} (B)`, stroke: colour, width: 2, scale });
    data.push(b.series[n]);
    if (a) { series.push({ label: `${n} (A)`, stroke: colour, dash: [6, 4], scale }); data.push(aligned(b, a, n)); }
  }
  chart('timeline', $('timeline'), series, data, { height: 340, plugins: [eventLabels(b.events)],
    scales: { y: { range: [0, 1] }, h: { range: (u, lo, hi) => [0, Math.max(hi * 1.1, 1e-4)] } },
    axes: [{ scale: 'h', side: 1, size: 60, stroke: colours[0], grid: { show: false } }] });
  for (const [key, family] of [['terms', 'net_value'], ['publics', 'public_support']]) {
    const s = [], d = [b.years];
    [c.patron, c.client].forEach((m, i) => {
      s.push({ label: `${m} (B)`, stroke: colours[i + 2], width: 2 }); d.push(b.series[`${family}.${m}`]);
      if (a) { s.push({ label: `${m} (A)`, stroke: colours[i + 2], dash: [6, 4] }); d.push(aligned(b, a, `${family}.${m}`)); }
    });
    chart(key, $(key), s, d, { plugins: [eventLabels(b.events)] });
  }
  drawDiff();
}

function drawDiff() {
  const a = state.runA, b = state.run, c = state.controls;
  if (!a) return;
  const rows = ['strain', 'survival', `net_value.${c.patron}`, `net_value.${c.client}`, `public_support.${c.patron}`,
    `public_support.${c.client}`, 'credibility'];
  const year = Math.min(a.years.at(-1), b.years.at(-1));
  const at = (run, n) => run.series[n]?.[run.years.indexOf(year)];
  const peak = (run, n) => Math.max(...(run.series[n] ?? [NaN]));
  const table = document.createElement('table');
  table.id = 'diff-table';
  table.innerHTML = `<thead><tr><th>series</th><th>A ${year}</th><th>B ${year}</th><th>B − A</th><th>A max</th><th>B max</th></tr></thead>`;
  const body = table.createTBody();
  for (const n of rows) {
    const d = at(b, n) - at(a, n);
    const tr = body.insertRow();
    tr.insertCell().textContent = n;
    for (const v of [at(a, n), at(b, n), d, peak(a, n), peak(b, n)]) {
      const td = tr.insertCell(); td.className = 'num'; td.textContent = fmt(v);
    }
    tr.cells[3].classList.add(d > 0 ? 'up' : d < 0 ? 'down' : 'same');
  }
  const note = document.createElement('p');
  note.className = 'legend';
  note.textContent = `A: ${state.labelA}. B: the run shown (${Object.keys(state.whatIf).length ? 'with the what-if' : 'the scenario as written'}).`;
  $('diff').replaceChildren(note, table);
}

function drawWaterfall(att) {
  const s = att.series.strain, el = $('waterfall');
  $('attribution-window').textContent = `Strain ${att.from} → ${att.to}: from ${fmt(s.start_value)} to ${fmt(s.v_all)}; drift ${fmt(s.drift)} (exact Shapley values)`;
  const steps = [['start ' + att.from, s.start_value, 'total'], ['drift', s.drift]];
  for (const [g, v] of Object.entries(s.shapley)) steps.push([g, v]);
  steps.push([`end ${att.to}`, s.v_all, 'total']);
  let level = 0;
  const spots = steps.map(([name, v, kind]) => {
    const from = kind ? 0 : level, to = kind ? v : level + v;
    level = to;
    return { name, v, from, to, kind };
  });
  const lo = Math.min(0, ...spots.map((x) => Math.min(x.from, x.to))), hi = Math.max(...spots.map((x) => Math.max(x.from, x.to)));
  const pct = (x) => `${((x - lo) / (hi - lo || 1)) * 100}%`;
  el.replaceChildren(...spots.map((x) => {
    const row = document.createElement('div');
    row.className = 'bar-row';
    row.innerHTML = `<span></span><span class="bar-track"><span class="bar ${x.kind ? 'total' : x.v >= 0 ? 'pos' : 'neg'}"></span></span><span class="num"></span>`;
    row.children[0].textContent = x.name;
    const bar = row.querySelector('.bar');
    bar.style.left = pct(Math.min(x.from, x.to));
    bar.style.width = `calc(${pct(Math.max(x.from, x.to))} - ${pct(Math.min(x.from, x.to))} + 1px)`;
    row.children[2].textContent = (x.kind || x.v < 0 ? '' : '+') + fmt(x.v);
    return row;
  }));
}

function drawClaims(claims) {
  const table = document.createElement('table');
  table.innerHTML = '<thead><tr><th>claim</th><th>holds?</th></tr></thead>';
  const body = table.createTBody();
  for (const c of claims) {
    const tr = body.insertRow();
    tr.insertCell().textContent = c.text;
    const td = tr.insertCell();
    td.className = `holds ${c.holds_baseline ? 'yes' : 'no'}`;
    td.textContent = c.holds_baseline ? 'holds' : 'does not hold';
  }
  $('claims').replaceChildren(table);
}

function drawBands(summary) {
  const policies = [...new Set(summary.map((c) => c.policy))];
  const years = [...new Set(summary.map((c) => c.year))].sort((x, y) => x - y);
  const series = [], data = [years], bands = [];
  policies.forEach((p, i) => {
    const cells = new Map(summary.filter((c) => c.policy === p && c.series === 'strain').map((c) => [c.year, c]));
    const colour = colours[i % colours.length];
    const base = series.length + 1;
    series.push({ label: `${p} 95 %`, stroke: colour + '55', width: 1 }, { label: `${p} median`, stroke: colour, width: 2 },
      { label: `${p} 5 %`, stroke: colour + '55', width: 1 });
    data.push(years.map((y) => cells.get(y)?.q95 ?? null), years.map((y) => cells.get(y)?.q50 ?? null), years.map((y) => cells.get(y)?.q05 ?? null));
    bands.push({ series: [base, base + 2], fill: colour + '22' });
  });
  chart('policies', $('policies'), series, data, { height: 300, bands });
}

function sweep() {
  const runs = Math.max(10, Math.min(2000, +$('sweep-runs').value || 100));
  const policies = state.controls.policies.map((p) => p.name);
  $('sweep').disabled = true;
  api(`/api/scenarios/${state.scenario}/sweeps`, { method: 'POST', body: JSON.stringify({ runs, policies }) })
    .then((started) => {
      const source = new EventSource(started.events);
      source.addEventListener('progress', (e) => {
        const p = JSON.parse(e.data);
        $('sweep-progress').max = p.total || 1; $('sweep-progress').value = p.done;
        status(`sweep: ${p.done} of ${p.total} runs`);
      });
      source.addEventListener('summary', (e) => drawBands(JSON.parse(e.data)));
      const end = (text) => { source.close(); $('sweep').disabled = false; status(text); };
      source.addEventListener('retreat', () => end(`sweep of ${runs} runs done`));
      source.addEventListener('failed', (e) => end(`sweep failed: ${JSON.parse(e.data).error}`));
    })
    .catch((e) => { $('sweep').disabled = false; status(`sweep refused: ${e.message}`); });
}

// ---------------------------------------------------------------- start

async function loadScenario(i) {
  state.scenario = i;
  state.whatIf = {};
  state.runA = null;
  status('loading…');
  state.controls = await api(`/api/scenarios/${i}/controls`);
  buildControls(state.controls);
  state.baseline = state.run = await api(`/api/scenarios/${i}/run`);
  drawRuns();
  status('ready');
  api(`/api/scenarios/${i}/claims`).then(drawClaims).catch((e) => { $('claims').textContent = e.message; });
  api(`/api/scenarios/${i}/attribution`).then(drawWaterfall).catch((e) => { $('waterfall').textContent = e.message; });
}

async function start() {
  const scenarios = await api('/api/scenarios');
  for (const s of scenarios) $('scenario').add(new Option(`${s.name} (${s.start}–${s.end})`, s.id));
  $('scenario').addEventListener('change', () => loadScenario(+$('scenario').value));
  $('reset').addEventListener('click', () => loadScenario(state.scenario));
  $('pin').addEventListener('click', () => {
    state.runA = state.run;
    state.labelA = Object.keys(state.whatIf).length ? `a what-if (${JSON.stringify(state.whatIf)})` : 'the scenario as written';
    drawRuns();
  });
  $('sweep').addEventListener('click', sweep);
  for (const r of await api('/api/runs')) if (r.kind === 'run') $('stored').add(new Option(`#${r.id} ${r.scenario} ${r.created_utc}`, r.id));
  $('stored').addEventListener('change', async () => {
    if (!$('stored').value) return;
    state.runA = await api(`/api/runs/${$('stored').value}`);
    state.labelA = `stored run #${$('stored').value}`;
    drawRuns();
  });
  let resize = null;
  window.addEventListener('resize', () => { clearTimeout(resize); resize = setTimeout(() => state.run && drawRuns(), 150); });
  await loadScenario(scenarios.length ? 0 : -1);
}

start().catch((e) => status(`error: ${e.message}`));
