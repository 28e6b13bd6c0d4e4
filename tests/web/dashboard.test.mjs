// The dashboard end to end in Debian's headless Chromium (never a downloaded browser): the
// page loads and draws, a control moves the chart, two runs are compared, it fits at 400 px
// and 1280 px. Run by ctest (`web`) with ENTENTE_CLI set; `node --test tests/web/` by hand.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { countInk, startServer } from './support.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let server, browser, profile;

before(async () => {
  server = await startServer(root);
  profile = mkdtempSync(join(tmpdir(), 'entente-chromium-'));
  browser = await chromium.launch({
    executablePath: process.env.ENTENTE_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  server?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function open(width) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.waitForFunction(() => document.getElementById('status').textContent === 'ready');
  await page.waitForSelector('#waterfall .bar-row');
  return { page, errors };
}

// A range input moved as a hand would: its value set, then the `input` event it fires.
async function setRange(page, selector, value) {
  await page.locator(selector).evaluate((el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

test('the page loads and draws non-blank charts with labelled events', async () => {
  const { page, errors } = await open(1280);
  for (const id of ['timeline', 'terms', 'publics']) {
    const png = await page.locator(`#${id} canvas`).first().screenshot();
    assert.ok(countInk(png) > 2000, `${id}: the chart is blank`);
  }
  // Event names are drawn on the canvas, not kept for a hover: the timeline has far more ink
  // than its two lines would make alone.
  const labels = await page.evaluate(() => Object.keys(window.entente.run.events).length);
  assert.ok(labels > 10);
  assert.ok(await page.locator('#claims tr').count() > 1, 'the claims table is empty');
  assert.deepEqual(errors, []);
  await page.close();
});

test('moving a control changes the run and the chart', async () => {
  const { page } = await open(1280);
  const before = await page.locator('#timeline canvas').first().screenshot();
  const strainBefore = await page.evaluate(() => window.entente.run.series.strain);
  const answered = page.waitForResponse((r) => r.url().endsWith('/whatif') && r.status() === 200);
  await setRange(page, '#param-hazard_slope', 0.5);
  await answered;
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('what-if answered'));
  const strainAfter = await page.evaluate(() => window.entente.run.series.strain);
  assert.notDeepEqual(strainAfter, strainBefore);
  const after = await page.locator('#timeline canvas').first().screenshot();
  assert.notDeepEqual(after, before, 'the chart did not change');
  await page.close();
});

test('two runs side by side with their difference', async () => {
  const { page } = await open(1280);
  await page.click('#pin');
  const answered = page.waitForResponse((r) => r.url().endsWith('/whatif') && r.status() === 200);
  await setRange(page, '#param-kappa_troops', 0);
  await answered;
  await page.waitForSelector('#diff-table');
  const cells = await page.locator('#diff-table tbody tr').first().locator('td').allTextContents();
  assert.equal(cells[0], 'strain');
  assert.notEqual(cells[3], '0', 'run B equals run A after the change');
  const png = await page.locator('#timeline canvas').first().screenshot();
  assert.ok(countInk(png) > 2000);
  await page.screenshot({ path: join(tmpdir(), 'entente-dashboard-1280.png'), fullPage: false });
  await page.close();
});

test('it fits a 400 px screen and a 1280 px one', async () => {
  for (const width of [400, 1280]) {
    const { page } = await open(width);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${width} px: the page is ${overflow} px too wide`);
    const box = await page.locator('#timeline canvas').first().boundingBox();
    assert.ok(box.width <= width && box.width > width / 2 - 40, `${width} px: the chart is ${box.width} px wide`);
    const png = await page.locator('#timeline canvas').first().screenshot();
    assert.ok(countInk(png) > 1000, `${width} px: the chart is blank`);
    await page.close();
  }
});

test('a sweep streams its progress and draws the policy bands', async () => {
  const { page } = await open(1280);
  await page.fill('#sweep-runs', '10');
  await page.click('#sweep');
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('sweep of 10 runs done'),
    null, { timeout: 60000 });
  const png = await page.locator('#policies canvas').first().screenshot();
  assert.ok(countInk(png) > 2000, 'the policy chart is blank');
  await page.close();
});
