// Opens the living document in real headless Chromium (Debian's package, never a downloaded browser).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildReports } from '../../src/reports';
import { fixtureCells, fixtureEnvelopes, fixtureStatements, fixtureWaivers, HOSTILE } from './fixture';

function findChromium(): string | undefined {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  for (const name of ['chromium', 'chromium-browser']) {
    const r = spawnSync('which', [name], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim() !== '') return r.stdout.trim();
  }
  return undefined;
}

const executablePath = findChromium();
const skip = executablePath === undefined ? 'no chromium binary found (apt-get install -y chromium, or set CHROMIUM_PATH): living-document browser test skipped' : false;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const dir = mkdtempSync(join(tmpdir(), 'mq-living-doc-'));
const file = join(dir, 'index.html');
const url = pathToFileURL(file).href;
let browser: Browser | undefined;

before(async () => {
  const html = buildReports({ envelopes: fixtureEnvelopes(), statements: fixtureStatements(), matrixCells: fixtureCells(), waivers: fixtureWaivers() }).files['index.html'];
  writeFileSync(file, html ?? '');
  if (executablePath !== undefined) browser = await chromium.launch({ executablePath, args: ARGS });
});

after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A page on the document, with every console error, page error, dialog and request recorded. */
async function open(javaScriptEnabled = true) {
  assert.ok(browser);
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  return { page, errors, dialogs, requests, close: () => context.close() };
}

const visible = (page: Page, selector: string) => page.locator(`${selector}:visible`).count();

test('renders with the matrix, no console errors, no request but the file itself', { skip }, async () => {
  const { page, errors, requests, close } = await open();
  assert.equal(await page.locator('h1').innerText(), 'Amazon MQ access: living documentation');
  assert.equal(await page.locator('table.matrix tbody tr').count(), 8);
  assert.equal(await visible(page, 'article.scenario'), 8);
  assert.equal(await page.locator('#st-identity-operator-1').count(), 1);
  assert.deepEqual(errors, []);
  assert.deepEqual(requests, [url]);
  await close();
});

test('the hostile scenario name shows as text and runs nothing', { skip }, async () => {
  const { page, errors, dialogs, close } = await open();
  const heading = page.locator('article.scenario h4', { hasText: HOSTILE });
  assert.equal(await heading.count(), 1);
  assert.ok((await heading.innerText()).includes(HOSTILE));
  assert.equal(await page.locator('script').count(), 1, 'only the document\'s own script');
  assert.equal(await page.locator('img').count(), 0, 'the hostile Sid made no element');
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await close();
});

test('scenario filters: search and status', { skip }, async () => {
  const { page, errors, close } = await open();
  assert.ok(await page.locator('#scenario-filters').isVisible(), 'the script reveals the filters');
  await page.fill('#scenario-query', 'alert(1)');
  assert.equal(await visible(page, 'article.scenario'), 1);
  assert.equal(await page.locator('#scenario-count').innerText(), '1 shown');
  await page.fill('#scenario-query', '');
  await page.uncheck('input[name="status"][value="passed"]');
  assert.equal(await visible(page, 'article.scenario'), 1);
  assert.equal(await visible(page, 'article.s-failed'), 1);
  assert.equal(await visible(page, 'section.feature'), 1, 'a feature with nothing left to show is hidden');
  assert.deepEqual(errors, []);
  await close();
});

test('matrix filters: principal, action, outcome, unasserted', { skip }, async () => {
  const { page, errors, close } = await open();
  const rows = () => visible(page, 'table.matrix tbody tr');
  await page.selectOption('#matrix-principal', 'auditor');
  assert.equal(await rows(), 4);
  await page.fill('#matrix-action', 'reboot');
  assert.equal(await rows(), 1);
  await page.fill('#matrix-action', '');
  await page.selectOption('#matrix-principal', '');
  await page.selectOption('#matrix-outcome', 'explicit');
  assert.equal(await rows(), 2);
  await page.selectOption('#matrix-outcome', '');
  await page.check('#matrix-unasserted');
  // Rows with at least one unasserted cell: auditor Delete/Describe/Reboot, operator Delete/Describe.
  assert.equal(await rows(), 5);
  assert.equal(await page.locator('#matrix-count').innerText(), '5 rows shown');
  assert.deepEqual(errors, []);
  await close();
});

test('with JavaScript off everything is readable and the useless filters stay hidden', { skip }, async () => {
  const { page, close } = await open(false);
  assert.equal(await visible(page, 'article.scenario'), 8);
  assert.equal(await visible(page, 'table.matrix tbody tr'), 8);
  assert.equal(await page.locator('#scenario-filters').isVisible(), false);
  assert.equal(await page.locator('#matrix-filters').isVisible(), false);
  await close();
});

test('print layout drops navigation and filters but keeps the content', { skip }, async () => {
  const { page, close } = await open();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('nav').isVisible(), false);
  assert.equal(await page.locator('#matrix-filters').isVisible(), false);
  assert.equal(await visible(page, 'article.scenario'), 8);
  await close();
});
