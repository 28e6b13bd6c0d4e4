// A bounded load test of `entente serve` from a loopback client: first the what-if round trip
// alone (one client, one request at a time), then REQUESTS requests CONCURRENCY at a time over
// the routes the page uses. Prints p50/p99 latencies and the errors (any status but 200).
// Not a unit test: run it by hand, `node bench/serve_load.mjs` (after `make build`); the
// figures go in docs/performance.md.
import http from 'node:http';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/web/support.mjs';

const REQUESTS = +(process.env.REQUESTS ?? 5000), CONCURRENCY = +(process.env.CONCURRENCY ?? 32);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function request(port, method, path, body) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.request({ host: '127.0.0.1', port, method, path, agent,
      headers: body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, status: res.statusCode }));
    });
    req.on('error', (e) => resolve({ ms: NaN, status: e.code }));
    if (body) req.write(body);
    req.end();
  });
}

const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
const line = (name, xs) => `${name.padEnd(34)} n=${String(xs.length).padStart(5)}  p50 ${quantile(xs, 0.5).toFixed(2)} ms  p99 ${quantile(xs, 0.99).toFixed(2)} ms`;

const whatIf = (i) => JSON.stringify({ parameters: { hazard_slope: 2 + (i % 50) / 10 }, troops: { year: 2004, level: 20000 + 100 * (i % 100) } });
const routes = [
  ['GET /api/scenarios', (p) => request(p, 'GET', '/api/scenarios')],
  ['GET /api/scenarios/0/controls', (p) => request(p, 'GET', '/api/scenarios/0/controls')],
  ['GET /index.html', (p) => request(p, 'GET', '/index.html')],
  ['GET /app.js', (p) => request(p, 'GET', '/app.js')],
  ['POST /api/scenarios/0/whatif', (p, i) => request(p, 'POST', '/api/scenarios/0/whatif', whatIf(i))],
];

const server = await startServer(root);
try {
  const alone = [];
  for (let i = 0; i < 200; i++) {
    const r = await routes[4][1](server.port, i);
    if (r.status !== 200) throw new Error(`what-if: ${r.status}`);
    if (i >= 20) alone.push(r.ms);  // after a warm-up
  }
  console.log(line('what-if round trip, one at a time', alone));

  const times = routes.map(() => []), all = [];
  let next = 0, errors = 0;
  const started = Date.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (let i; (i = next++) < REQUESTS;) {
      const k = i % routes.length, r = await routes[k][1](server.port, i);
      if (r.status !== 200) errors++;
      times[k].push(r.ms);
      all.push(r.ms);
    }
  }));
  const seconds = (Date.now() - started) / 1000;
  console.log(`${REQUESTS} requests, ${CONCURRENCY} at a time, in ${seconds.toFixed(1)} s (${(REQUESTS / seconds).toFixed(0)}/s); errors: ${errors}`);
  console.log(line('all', all));
  routes.forEach(([name], k) => console.log(line(name, times[k])));
  process.exitCode = errors ? 1 : 0;
} finally {
  agent.destroy();
  server.stop();
}
