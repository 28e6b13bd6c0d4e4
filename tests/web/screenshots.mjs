// Redraws the screenshots of docs/dashboard.md: `node tests/web/screenshots.mjs` after
// `make build` (Debian's chromium, the page at 1280 px and 400 px, a what-if beside run A).
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './support.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const server = await startServer(root);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const [width, height] of [[1280, 820], [400, 1000]]) {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(server.url);
    await page.waitForFunction(() => document.getElementById('status').textContent === 'ready');
    await page.waitForSelector('#waterfall .bar-row');
    await page.click('#pin');
    const answered = page.waitForResponse((r) => r.url().endsWith('/whatif'));
    await page.locator('#param-hazard_slope').evaluate((el) => { el.value = '6'; el.dispatchEvent(new Event('input')); });
    await answered;
    await page.waitForSelector('#diff-table');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(root, 'docs', 'img', `dashboard-${width}.png`) });
    if (width === 1280) await page.locator('#diff').screenshot({ path: join(root, 'docs', 'img', 'dashboard-diff.png') });
    await page.close();
  }
} finally {
  await browser.close();
  server.stop();
}
