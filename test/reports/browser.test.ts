// Opens the living document in real headless Chromium (Debian's package, never a downloaded browser).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildReports, PRINT_COLUMNS_PER_TABLE } from '../../src/reports';
import { loadPolicyStore } from '../../src/load';
import { computeMatrix } from '../../src/matrix/compute';
import { fixtureCells, fixtureEnvelopes, fixtureStatements, fixtureWaivers, HOSTILE } from './fixture';
import { analyzeStore, diffDocument, diffStores, withPolicy } from '../../src/analysis';

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
// The same run with the real store's access matrix: as wide as the one an auditor prints.
const wideFile = join(dir, 'wide.html');
const wideUrl = pathToFileURL(wideFile).href;
const pdftotext = spawnSync('which', ['pdftotext'], { encoding: 'utf8' }).stdout.trim();
let browser: Browser | undefined;

before(async () => {
  const html = buildReports({ envelopes: fixtureEnvelopes(), statements: fixtureStatements(), matrixCells: fixtureCells(), waivers: fixtureWaivers() }).files['index.html'];
  writeFileSync(file, html ?? '');
  const store = loadPolicyStore(join(__dirname, '..', '..', 'policies')).store;
  assert.ok(store);
  // With the analysis sections of the real store: a Deny that lost an action (the diff), the verdicts, a score.
  const deny = store.policies.get('deny-production-changes')!;
  const weakened = withPolicy(store, { ...deny, statements: deny.statements.map((st, i) => (i === 0 ? { ...st, action: { ...st.action, patterns: st.action.patterns.filter((a) => !/RebootBroker/i.test(a)) } } : st)) });
  const principals = ['operator', 'ci-deployer'];
  const doc = diffDocument(diffStores(store, weakened, { principals }), 'origin/main', 'working tree', () => undefined, []);
  const analysis = { result: analyzeStore(store, { principals }) };
  const wide = buildReports({ envelopes: fixtureEnvelopes(), statements: fixtureStatements(), matrixCells: computeMatrix(store).cells, accessDiff: { label: 'origin/main', doc, invalidAcceptances: [] }, analysis }).files['index.html'];
  assert.match(wide ?? '', /<tr class="d-new-allow"><td>operator<\/td>/, 'the wide document shows the access diff');
  writeFileSync(wideFile, wide ?? '');
  if (executablePath !== undefined) browser = await chromium.launch({ executablePath, args: ARGS });
});

after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A page on the document, with every console error, page error, dialog and request recorded. */
async function open(javaScriptEnabled = true, target = url, viewport = { width: 1280, height: 900 }) {
  assert.ok(browser);
  const context = await browser.newContext({ javaScriptEnabled, viewport });
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
  await page.goto(target);
  return { page, errors, dialogs, requests, close: () => context.close() };
}

const visible = (page: Page, selector: string) => page.locator(`${selector}:visible`).count();

test('renders with the matrix, no console errors, no request but the file itself', { skip }, async () => {
  const { page, errors, requests, close } = await open();
  assert.equal(await page.locator('h1').innerText(), 'Amazon MQ access: living documentation');
  assert.equal(await page.locator('table.matrix tbody tr').count(), 8);
  assert.equal(await visible(page, 'article.scenario'), 10);
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
  // Rows with at least one unasserted cell: auditor Delete/Describe/List (related evidence only)/Reboot, operator Delete/Describe.
  assert.equal(await rows(), 6);
  assert.equal(await page.locator('#matrix-count').innerText(), '6 rows shown');
  assert.deepEqual(errors, []);
  await close();
});

test('with JavaScript off everything is readable and the useless filters stay hidden', { skip }, async () => {
  const { page, close } = await open(false);
  assert.equal(await visible(page, 'article.scenario'), 10);
  assert.equal(await visible(page, 'table.matrix tbody tr'), 8);
  assert.equal(await page.locator('#scenario-filters').isVisible(), false);
  assert.equal(await page.locator('#matrix-filters').isVisible(), false);
  await close();
});

test('print layout drops the filters but keeps the contents, the controls and every scenario', { skip }, async () => {
  const { page, close } = await open();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#toc').isVisible(), true);
  assert.equal(await page.locator('#controls').isVisible(), true);
  assert.equal(await page.locator('#matrix-filters').isVisible(), false);
  assert.equal(await visible(page, 'article.scenario'), 10);
  await close();
});

test('the document opens with what was tested, the failure banner grouped by cause, the controls page, then contents', { skip }, async () => {
  const { page, errors, close } = await open();
  const order = (await page.evaluate("Array.from(document.querySelectorAll('header .tested, main > section, main > nav')).map((e) => e.id || e.className)")) as string[];
  assert.deepEqual(order.slice(0, 4), ['tested', 'failures', 'controls', 'toc']);
  assert.match(await page.locator('#tested').innerText(), /tests the policy files of commit .* not the IAM configuration deployed in AWS/);
  const banner = page.locator('#failures');
  assert.match(await banner.innerText(), /1 failing scenario\(s\) in 1 cause\(s\)/);
  assert.match(await banner.innerText(), /operator\.json:10 statement 1 \(DenyProductionChanges\): 1 scenario/);
  // Every link of the banner and the controls page lands on an element of the document.
  const targets = (await page.evaluate("Array.from(document.querySelectorAll('#failures a, #controls a, #toc a')).map((a) => a.getAttribute('href').slice(1))")) as string[];
  assert.ok(targets.length >= 6);
  for (const id of targets) assert.equal(await page.locator(`[id="${id}"]`).count(), 1, `#${id} exists`);
  const claim = page.locator('#controls tbody tr').first();
  assert.match(await claim.innerText(), /holds\s+nobody can call mq:RebootBroker on brokers tagged environment=production/);
  assert.match(await claim.innerText(), /all 2 principals of the store × 1 resource\(s\) selected by `brokers tagged environment=production` \(orders-prod\), under the default context/);
  assert.match(await claim.innerText(), /orders-dev \(tagged Environment=Production\): tag `Environment=Production` differs .* allowed there for operator/);
  // Its evidence links straight to the matrix rows of the principals concerned.
  assert.equal(await claim.locator('a[href="#mx-operator-mq-rebootbroker"]').count(), 1);
  assert.deepEqual(errors, []);
  await close();
});

test('on screen the matrix keeps its header row and first two columns in view while it scrolls', { skip }, async () => {
  const { page, close } = await open(true, wideUrl);
  const box = page.locator('.matrix-screen');
  await box.evaluate((e: { scrollTop: number; scrollLeft: number }) => { e.scrollTop = 1500; e.scrollLeft = 800; });
  const frame = await box.boundingBox();
  const header = await page.locator('.matrix-screen thead th').nth(4).boundingBox();
  const rowHead = await page.locator('.matrix-screen tbody tr').nth(30).locator('th').boundingBox();
  const action = await page.locator('.matrix-screen tbody tr').nth(30).locator('td.act').boundingBox();
  assert.ok(frame && header && rowHead && action);
  assert.ok(Math.abs(header.y - frame.y) < 2, `header row at the top of the scrolled box (${header.y} vs ${frame.y})`);
  assert.ok(Math.abs(rowHead.x - frame.x) < 2, `principal column at the left edge (${rowHead.x} vs ${frame.x})`);
  assert.ok(Math.abs(action.x - (rowHead.x + rowHead.width)) < 3, 'action column right after it');
  await close();
});

test('at 390 px wide nothing but the scroll boxes is wider than the screen', { skip }, async () => {
  const { page, close } = await open(true, wideUrl, { width: 390, height: 844 });
  const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  assert.ok(width <= 390, `page is ${width} px wide`);
  assert.ok(await page.locator('#controls').isVisible());
  const fontSize = (await page.evaluate('parseFloat(getComputedStyle(document.body).fontSize)')) as number;
  assert.ok(fontSize >= 12, `body text ${fontSize} px`);
  await close();
});

test('the printed PDF holds every matrix column, in tables of a few columns with the header repeated', { skip: skip || (pdftotext === '' ? 'pdftotext (Debian poppler-utils) is not installed: PDF text cannot be measured' : false) }, async () => {
  const { page, close } = await open(true, wideUrl);
  const columns = (await page.evaluate("Array.from(document.querySelectorAll('.matrix-screen thead th')).slice(2).map((th) => th.textContent || '')")) as string[];
  assert.ok(columns.length > PRINT_COLUMNS_PER_TABLE, `${columns.length} columns`);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.matrix-screen').isVisible(), false);
  assert.equal(await page.locator('.matrix-print table').count(), Math.ceil(columns.length / PRINT_COLUMNS_PER_TABLE));
  const pdf = join(dir, 'doc.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const text = spawnSync(pdftotext, [pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
  // Line breaks inside a header cell come out as white space, or as a dropped hyphen (pdftotext joins `legacy-` and `us`).
  const flatten = (t: string): string => t.replace(/[\s-]+/g, '');
  const flat = flatten(text);
  for (const c of columns) assert.ok(flat.includes(flatten(c)), `column \`${c}\` is in the printed PDF`);
  // Each printed table repeats the principal and action columns.
  assert.ok((text.match(/Principal/g) ?? []).length >= Math.ceil(columns.length / PRINT_COLUMNS_PER_TABLE));
  await close();
});
