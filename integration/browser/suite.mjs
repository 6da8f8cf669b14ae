// The browser suite's checks for one Ultimate Multisite release (run.sh starts it once per release,
// with the web server, the sandbox and the network ready). Debian's chromium through puppeteer-core;
// the network's name is mapped to the web server with --host-resolver-rules, so the browser sends the
// real Host header and WordPress answers as it would on a server of its own.
//
// Every text that comes from RunCloud (error messages, server and web app names) carries PAYLOAD, and
// a customer's site name CUSTOMER: markup that runs script when a page puts it into the DOM as HTML (it
// sets top.__rcbXss_runcloud or top.__rcbXss_customer). A page passes when the flag is unset, no element
// of the payload exists, and the text shows as text.
//
// Prints "ok NAME" / "FAILED NAME: why" per check and "RESULT passed failed" at the end.
import puppeteer from 'puppeteer-core';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const env = process.env;
const LABEL = env.RCB_LABEL;
const BASE = 'http://net-sub.test';
const ADMIN = `${BASE}/wp-admin/network`;
const SANDBOX = env.RCI_SANDBOX_URL.replace(/\/$/, '');
const PAGE_URL = `${ADMIN}/settings.php?page=runcloud-ultimate-multisite`;
const WIZARD = `${ADMIN}/admin.php?page=wp-ultimo-hosting-integration-wizard&integration=runcloud`;
const TOKEN = 'rcb-token-5Kd8Qw2e';
// One payload per origin, so a page can be told which text it rendered as HTML.
const payload = (origin) => `<img src=x data-rcb=${origin} onerror=top.__rcbXss_${origin}=1>`;
const PAYLOAD = payload('runcloud');
const CUSTOMER = payload('customer');
const ACTIONS = ['runcloud_um_test', 'runcloud_um_sync', 'runcloud_um_ssl_strategy', 'runcloud_um_ssl_advanced', 'runcloud_um_clear_failures'];
const only = env.RCB_ONLY || '';
fs.mkdirSync(env.RCB_ARTIFACTS, { recursive: true });

let current = null; // the page a failed check's screenshot is taken of
let passed = 0;
let failed = 0;
let shot = 0;

class CheckFailed extends Error {}
const ok = (cond, message) => { if (!cond) throw new CheckFailed(message); };
const contains = (needle, hay, message) => ok(String(hay).includes(needle), `${message}: "${needle}" not in "${String(hay).slice(0, 400)}"`);
const notContains = (needle, hay, message) => ok(!String(hay).includes(needle), `${message}: "${needle}" found`);

// RCB_ONLY filters the checks; those every later check needs (always) run regardless.
async function check(name, fn, always = false) {
  if (only && !always && !name.includes(only)) return;
  try {
    await fn();
    console.log(`ok     [${LABEL}] ${name}`);
    passed++;
  } catch (e) {
    if (current) await screenshot(current, `failed-${name.slice(0, 40)}`);
    console.log(`FAILED [${LABEL}] ${name}: ${e instanceof CheckFailed ? e.message : (e.stack || e).toString().split('\n').slice(0, 3).join(' | ')}`);
    failed++;
  }
}

// --- The sandbox's admin API and WordPress's command line ------------------------------------------------
async function sandbox(method, route, body) {
  const res = await fetch(SANDBOX + route, {
    method,
    headers: { 'X-Sandbox-Admin': env.RCI_SANDBOX_ADMIN, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`sandbox ${method} ${route}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}
const fault = (f) => sandbox('POST', '/__sandbox/faults', f);
const clearFaults = () => sandbox('DELETE', '/__sandbox/faults');
const clearJournal = () => sandbox('DELETE', '/__sandbox/journal');
const journal = async () => (await sandbox('GET', '/__sandbox/journal')).data.filter((e) => e.path.startsWith('/api/'));
async function webapp() {
  const state = await sandbox('GET', '/__sandbox/state?webapp=10');
  for (const server of state.servers) for (const app of server.webapps) if (Number(app.id) === 10) return app;
  throw new Error('web app 10 not in the sandbox');
}

function cli(...args) {
  const r = spawnSync(env.RCB_PHP, ['-d', `extension=${env.RCB_EXT}`, env.RCB_CLI, ...args], { encoding: 'utf8', env: { ...env } });
  if (r.status !== 0) throw new Error(`cli ${args[0]}: ${r.stderr || r.stdout}`);
  return r.stdout.trim();
}
const wpState = () => JSON.parse(cli('state'));

// WP-Cron through the web server: Action Scheduler's queue runner is a WP-Cron event, so a run of
// wp-cron.php runs the due jobs (wu_add_domain, wu_remove_domain, this plugin's). It is started as
// WordPress's own spawn_cron() does (the lock first, then the request naming it); wp-cron.php answers at
// once (fastcgi_finish_request) and releases the lock when it has run everything: that is the end waited for.
async function runCron(page) {
  const key = `${Date.now()}.${process.hrtime.bigint()}`;
  cli('cron-lock', key);
  await page.evaluate(async (url) => { await fetch(url, { credentials: 'omit' }); }, `${BASE}/wp-cron.php?doing_wp_cron=${key}`);
  const deadline = Date.now() + 60000;
  while (cli('cron-lock-held', key) === '1') {
    ok(Date.now() < deadline, 'wp-cron.php did not end within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

// --- Pages ---------------------------------------------------------------------------------------------------
async function screenshot(page, name) {
  shot++;
  const file = path.join(env.RCB_ARTIFACTS, `${String(shot).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => {});
}

// Nothing of the payloads of these origins ran or became an element; returns the page's visible text.
// The element check is the one that decides: markup inserted as HTML is in the DOM from the moment the
// page shows the text (the flag, set by the image's error event, may come a moment later).
async function assertInert(page, where, origins = ['runcloud', 'customer']) {
  const found = await page.evaluate((origins) => ({
    ran: origins.filter((o) => top[`__rcbXss_${o}`]),
    elements: origins.filter((o) => document.querySelector(`[data-rcb="${o}"]`)),
    text: document.body ? document.body.innerText : '',
  }), origins);
  ok(found.ran.length === 0, `script from a text of ${found.ran.join(', ')} ran on ${where}`);
  ok(found.elements.length === 0, `markup from a text of ${found.elements.join(', ')} became an element on ${where}`);
  return found.text;
}

async function go(page, url) {
  const res = await page.goto(url, { waitUntil: 'load' });
  return res;
}

async function clickAndWait(page, selector) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
}

// The Testing step asks for the result by AJAX a second after load; waits for its answer.
async function wizardTestResult(page) {
  await go(page, `${WIZARD}&step=testing`);
  await page.waitForFunction(() => {
    const pre = document.querySelector('#integration-test pre');
    return pre && !/Waiting for results|Sending API call/.test(pre.textContent) && pre.textContent.trim() !== '';
  }, { timeout: 20000 });
  return page.$eval('#integration-test pre', (el) => el.innerText);
}

// POSTs one admin-post action from the page's own origin, with the session's cookies.
async function postAction(page, action, nonce) {
  return page.evaluate(async (url, action, nonce) => {
    const body = new URLSearchParams({ action, strategy: 'basic', confirm: '1' });
    if (nonce !== null) body.set('_wpnonce', nonce);
    const res = await fetch(url, { method: 'POST', body, credentials: 'include', redirect: 'manual' });
    return { status: res.status, type: res.type, text: await res.text() };
  }, `${BASE}/wp-admin/admin-post.php`, action, nonce);
}

// Maps NAME to SITE in Ultimate Multisite's Domains screen (its Add Domain modal); the domain's page.
async function mapDomain(page, name, site) {
  await go(page, `${ADMIN}/admin.php?page=wp-ultimo-domains`);
  await page.click('a.wubox[href*="add_new_domain"]');
  await page.waitForSelector('input[name="domain"]', { visible: true });
  await page.type('input[name="domain"]', name);
  // Ultimate Multisite's gap, worked around here only: 2.4.13-beta.1 has no wu_search AJAX handler,
  // so the modal's site search finds nothing; the site is put into the search field's own list.
  await page.evaluate((site) => {
    const el = document.querySelector('[name="blog_id"]');
    if (el.selectize) el.selectize.destroy();
    const field = document.querySelector('[name="blog_id"]');
    if (field.tagName === 'SELECT') field.add(new Option(String(site), String(site), true, true));
    field.value = String(site);
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.dispatchEvent(new Event('change', { bubbles: true }));
  }, site);
  await screenshot(page, `um-add-domain-${name}`);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: 30000 }), page.click('#submit_button_new')]);
  return page.url();
}

async function loginCookie(page) {
  const cookies = await page.cookies(BASE);
  const c = cookies.find((x) => x.name.startsWith('wordpress_logged_in_'));
  if (!c) throw new Error('no logged-in cookie');
  return decodeURIComponent(c.value);
}

// The fields are filled at once: the login page selects the user field 200 ms after load, which
// would cut a name typed across that moment.
async function login(page, user, password) {
  await go(page, `${BASE}/wp-login.php`);
  await page.evaluate((user, password) => {
    document.querySelector('#user_login').value = user;
    document.querySelector('#user_pass').value = password;
  }, user, password);
  await clickAndWait(page, '#wp-submit');
  ok((await page.cookies(BASE)).some((c) => c.name.startsWith('wordpress_logged_in_')), `${user} is not logged in: ${page.url()}`);
}

// --- The run -------------------------------------------------------------------------------------------------
const browser = await puppeteer.launch({
  executablePath: env.RCB_CHROMIUM,
  headless: true,
  userDataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'rcb-profile-')),
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    `--host-resolver-rules=MAP net-sub.test 127.0.0.1:${env.RCB_PORT}, MAP *.net-sub.test 127.0.0.1:${env.RCB_PORT}`,
  ],
});

async function newPage(context) {
  const page = await context.newPage();
  current = page;
  page.setDefaultTimeout(20000);
  page.on('dialog', (d) => d.dismiss().catch(() => {}));
  // Ultimate Multisite's gap, worked around here only: the offline copy's vendor/ has no
  // phpDocumentor, so WordPress's /wp-json/wp/v2/users/me (asked for by admin scripts) ends in a
  // fatal error; the request is answered empty so the page's scripts go on.
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (req.url().includes('/wp-json/wp/v2/users/me')) req.respond({ status: 200, contentType: 'application/json', body: '{}' });
    else req.continue();
  });
  return page;
}

try {
  await sandbox('POST', '/__sandbox/reset');
  await sandbox('POST', '/__sandbox/seed', {
    credentials: [{ token: TOKEN }],
    servers: [{ id: 1, name: `srv${PAYLOAD}`, ip: '127.0.0.1', webapps: [{ id: 10, name: `app${PAYLOAD}`, primary: 'net-sub.test', ssl: true }] }],
    config: { rate_limit: 100000 },
  });
  const customer = JSON.parse(cli('customer', `Shop${CUSTOMER}`));

  const admin = await newPage(browser.defaultBrowserContext());

  await check('the network admin logs in', async () => {
    await login(admin, 'admin', 'rci-admin-password');
    await go(admin, `${ADMIN}/`);
    ok(admin.url().includes('/wp-admin/network/'), `not in the network admin: ${admin.url()}`);
    await screenshot(admin, 'network-admin');
  }, true);

  await check('the release zip installs through Network Admin > Plugins > Add New > Upload Plugin and is network-activated', async () => {
    await go(admin, `${ADMIN}/plugin-install.php?tab=upload`);
    await screenshot(admin, 'upload-plugin');
    const input = await admin.$('#pluginzip');
    ok(input, 'no upload field');
    await input.uploadFile(env.RCB_ZIP);
    await clickAndWait(admin, '#install-plugin-submit');
    await screenshot(admin, 'plugin-uploaded');
    const text = await admin.evaluate(() => document.body.innerText);
    contains('Plugin installed successfully', text, 'upload result');
    const activate = await admin.$('a.button-primary[href*="action=activate"]');
    ok(activate, 'no "Network Activate" link');
    await Promise.all([admin.waitForNavigation({ waitUntil: 'load' }), activate.click()]);
    await screenshot(admin, 'plugin-activated');
    ok(wpState().active.includes('runcloud-ultimate-multisite/runcloud-ultimate-multisite.php'), 'not network-active');
    const row = await admin.$('tr.active[data-plugin="runcloud-ultimate-multisite/runcloud-ultimate-multisite.php"]');
    ok(row, 'the plugins screen does not show it active');
  }, true);

  await check('the setup wizard enables RunCloud; its Configuration step shows no credential in clear text', async () => {
    await go(admin, WIZARD);
    await screenshot(admin, 'wizard-activation');
    await clickAndWait(admin, '[data-testid="button-primary"]');
    await go(admin, `${WIZARD}&step=config`);
    await screenshot(admin, 'wizard-configuration');
    const type = await admin.$eval('[name="WU_RUNCLOUD_API_TOKEN"]', (el) => el.type);
    ok(type === 'password', `the token field is of type ${type}`);
    notContains(TOKEN, await assertInert(admin, 'the Configuration step'), 'the token in the page\'s text');
  }, true);

  await check('Ultimate Multisite\'s integrations screen shows RunCloud and links to the plugin\'s page', async () => {
    await go(admin, `${ADMIN}/admin.php?page=wp-ultimo-settings&tab=integrations`);
    await screenshot(admin, 'um-integrations');
    const href = await admin.$eval('#wpbody-content a[href*="page=runcloud-ultimate-multisite"]', (a) => a.href).catch(() => '');
    ok(href !== '', 'no link to the plugin\'s page');
    await go(admin, href);
    contains('RunCloud for Ultimate Multisite', await assertInert(admin, 'the plugin\'s page'), 'the plugin\'s page');
  });

  await check('the wizard\'s Testing step passes with the right settings', async () => {
    const text = await wizardTestResult(admin);
    await screenshot(admin, 'wizard-testing-ok');
    contains('Connected to RunCloud', text, 'the answer');
    await assertInert(admin, 'the Testing step');
  });

  await check('the wizard\'s Testing step shows RunCloud\'s error message as text', async () => {
    await fault({ type: 'status', status: 401, path: '/ping', body: JSON.stringify({ message: `Unauthenticated ${PAYLOAD}` }), content_type: 'application/json' });
    const text = await wizardTestResult(admin);
    await screenshot(admin, 'wizard-testing-401');
    await assertInert(admin, 'the Testing step (401)');
    contains(PAYLOAD, text.replace(/\s+/g, ' '), 'RunCloud\'s message, shown as text');
    await clearFaults();
  });

  await check('the wizard\'s Testing step lists the ids the token can see with their names as text, ids first, in short lines', async () => {
    await fault({ type: 'status', status: 404, method: 'GET', path: '/webapps/10', count: 5, body: JSON.stringify({ message: 'Web application not found.' }), content_type: 'application/json' });
    const text = await wizardTestResult(admin);
    await screenshot(admin, 'wizard-testing-ids');
    await clearFaults();
    await assertInert(admin, 'the Testing step (ids)');
    const lines = text.split('\n');
    contains('Web app 10 was not found', lines[0], 'the verdict first');
    const server = lines.findIndex((l) => l.includes(`server 1 (srv${PAYLOAD})`));
    const app = lines.findIndex((l) => l.includes(`web app 10 (app${PAYLOAD})`));
    const advice = lines.findIndex((l) => l.includes('WU_RUNCLOUD_APP_ID'));
    ok(server > 0 && app > server && advice > app, `ids, then the advice: ${JSON.stringify(lines)}`);
    for (const l of lines) ok(l.length <= 60 || l === lines[server] || l === lines[app], `a line longer than 60 characters: ${l}`);
  });

  await check('the plugin\'s page: "Test connection" reads the server\'s and web app\'s names, shown as text; the SSL mode', async () => {
    await go(admin, PAGE_URL);
    let text = await assertInert(admin, 'the plugin\'s page');
    notContains('not read yet', text, 'the SSL mode row');
    await clickAndWait(admin, '#runcloud-um-test');
    await screenshot(admin, 'page-test-connection');
    text = await assertInert(admin, 'the plugin\'s page after Test connection');
    contains('Connected to RunCloud', text, 'the notice');
    contains(`srv${PAYLOAD} (1) / app${PAYLOAD} (10)`, text, 'server and web app names');
    contains('basic (one certificate for every name)', text, 'the SSL mode');
  });

  let logUrl = '';
  await check('the log link names the plugin\'s log file as Ultimate Multisite\'s viewer lists it', async () => {
    await go(admin, PAGE_URL);
    const href = await admin.$eval('a[href*="page=wp-ultimo-view-logs"]', (a) => a.href);
    logUrl = href.replace(/%2F%2Fintegration-runcloud/i, '%2Fintegration-runcloud').replace('//integration-runcloud', '/integration-runcloud');
    notContains('//integration-runcloud', decodeURIComponent(href), 'the log link');
    await clickAndWait(admin, 'a[href*="page=wp-ultimo-view-logs"]');
    const selected = await admin.$eval('select[name="log_file"]', (el) => el.options[el.selectedIndex] ? el.options[el.selectedIndex].text : '').catch(() => '');
    contains('integration-runcloud.log', selected, 'the file the viewer shows');
  });

  await check('Ultimate Multisite\'s log viewer shows RunCloud\'s text in the plugin\'s log as text', async () => {
    ok(logUrl !== '', 'no log link on the plugin\'s page');
    await go(admin, logUrl);
    await admin.waitForFunction(() => {
      const el = document.querySelector('#wu_payload_content');
      return el && el.textContent.includes('Connection test');
    }, { timeout: 20000 });
    await screenshot(admin, 'um-log-viewer');
    const text = await assertInert(admin, 'Ultimate Multisite\'s log viewer');
    contains(`Unauthenticated ${PAYLOAD}`, text, 'RunCloud\'s message in the log');
  });

  await check('a failed sync: the notice and the last failures show RunCloud\'s message as text; failures can be cleared', async () => {
    await fault({ type: 'status', status: 422, method: 'GET', path: '/domains', count: 5, body: JSON.stringify({ message: `Sync refused ${PAYLOAD}` }), content_type: 'application/json' });
    await go(admin, PAGE_URL);
    await clickAndWait(admin, '#runcloud-um-sync');
    await clearFaults();
    await screenshot(admin, 'page-sync-failed');
    let text = await assertInert(admin, 'the plugin\'s page after a failed sync');
    contains(`Sync refused ${PAYLOAD}`, text, 'RunCloud\'s message');
    ok(await admin.$('#runcloud-um-clear-failures'), 'no "Clear failures" button');
    await clickAndWait(admin, '#runcloud-um-clear-failures');
    await screenshot(admin, 'page-failures-cleared');
    text = await assertInert(admin, 'the plugin\'s page after clearing');
    ok(wpState().failures === 0, 'failures left');
    notContains(`Sync refused`, text.split('Last failures')[1] || '', 'a failure still listed');
  });

  let domainUrl = '';
  await check('a domain mapped in Ultimate Multisite\'s screens reaches RunCloud through WP-Cron, and the plugin\'s table shows it (customer\'s site name as text)', async () => {
    domainUrl = await mapDomain(admin, 'mapped-one.example.org', customer.site);
    contains('wp-ultimo-edit-domain', domainUrl, 'the domain\'s page after adding');
    await screenshot(admin, 'um-domain-page');
    // Only RunCloud's texts here: Ultimate Multisite 2.9.2's own domain page renders the site's name
    // as HTML (its bug, not this plugin's text; the plugin writes nothing to that page).
    await assertInert(admin, 'Ultimate Multisite\'s domain page', ['runcloud']);
    await runCron(admin);
    const names = (await webapp()).domains.map((d) => d.name);
    ok(names.includes('mapped-one.example.org'), `not on RunCloud: ${names.join(', ')}`);
    await go(admin, PAGE_URL);
    await screenshot(admin, 'page-domains-table');
    const text = await assertInert(admin, 'the plugin\'s domains table');
    const row = await admin.$$eval('#the-list tr', (rows) => rows.map((r) => r.innerText).find((t) => t.includes('mapped-one.example.org')) || '');
    ok(row !== '', 'the domain is not in the table');
    contains(`Shop${CUSTOMER} (${customer.site})`, row, 'the customer\'s site name');
    const id = (await webapp()).domains.find((d) => d.name === 'mapped-one.example.org').id;
    contains(String(id), row, 'RunCloud\'s id');
    contains('Mapped domains', text, 'the table\'s title');
  });

  await check('the domain deleted in Ultimate Multisite\'s screens is removed at RunCloud', async () => {
    ok(domainUrl !== '', 'no domain page (the mapping failed)');
    await go(admin, domainUrl);
    await admin.click('a.wubox[href*="delete_modal"]');
    await admin.waitForSelector('#wu-modal [name="confirm"], [name="confirm"]');
    await admin.evaluate(() => {
      const box = document.querySelector('[name="confirm"]');
      box.click();
    });
    await screenshot(admin, 'um-delete-domain');
    await Promise.all([admin.waitForNavigation({ waitUntil: 'load', timeout: 30000 }), admin.click('button#submit_button')]);
    await runCron(admin);
    const names = (await webapp()).domains.map((d) => d.name);
    ok(!names.includes('mapped-one.example.org'), `still on RunCloud: ${names.join(', ')}`);
  });

  await check('a job that failed on RunCloud\'s answer shows its message as text in the job queue', async () => {
    await runCron(admin); // nothing else queued may meet the refusal
    await fault({ type: 'status', status: 422, method: 'POST', path: '/domains', count: 1, body: JSON.stringify({ message: `Refused ${PAYLOAD}` }), content_type: 'application/json' });
    await mapDomain(admin, 'mapped-two.example.org', customer.site);
    await runCron(admin);
    await clearFaults();
    await go(admin, `${BASE}/wp-admin/tools.php?page=action-scheduler&status=failed`);
    await screenshot(admin, 'job-queue-failed');
    const text = await assertInert(admin, 'Action Scheduler\'s job list');
    contains(`Refused ${PAYLOAD}`, text, 'RunCloud\'s message in the failed job');
    await go(admin, PAGE_URL);
    const row = await admin.$$eval('#the-list tr', (rows) => rows.map((r) => r.innerText).find((t) => t.includes('mapped-two.example.org')) || '');
    contains(`Refused ${PAYLOAD}`, row, 'the last error in the plugin\'s table');
    await assertInert(admin, 'the plugin\'s table with a failed domain');
  });

  await check('"Switch to per-domain certificates" asks for confirmation and its notice does not send the admin to WP-CLI', async () => {
    await go(admin, PAGE_URL);
    let text = await assertInert(admin, 'the plugin\'s page');
    notContains('wp runcloud', text, 'the page sends the admin to WP-CLI');
    // Unticked, the form is invalid: the browser does not send it.
    const valid = await admin.$eval('#runcloud-um-ssl-advanced', (b) => b.form.checkValidity());
    ok(valid === false, 'the switch can be sent without ticking the confirmation');
    ok((await webapp()).advanced_ssl.advancedSSL === false, 'switched before the confirmation');
    await admin.click('#runcloud-um-ssl-confirm');
    await clickAndWait(admin, '#runcloud-um-ssl-advanced');
    await screenshot(admin, 'page-switched');
    text = await assertInert(admin, 'the plugin\'s page after the switch');
    contains('The web app uses advanced SSL now', text, 'the notice');
    notContains('wp runcloud', text, 'the notice sends the admin to WP-CLI');
    ok((await webapp()).advanced_ssl.advancedSSL === true, 'not switched');
  });

  // Every admin action of the plugin, tried as the network admin without a (valid) nonce.
  await check('every admin action refuses a request without a valid nonce, and nothing changes', async () => {
    await go(admin, PAGE_URL);
    await clearJournal();
    const before = wpState();
    const mode = (await webapp()).advanced_ssl;
    for (const action of ACTIONS) {
      for (const nonce of [null, '0123456789']) {
        const r = await postAction(admin, action, nonce);
        ok(r.status === 403 || /link you followed has expired|not allowed/i.test(r.text), `${action} with nonce ${nonce}: HTTP ${r.status} ${r.type}`);
      }
    }
    ok(JSON.stringify(wpState()) === JSON.stringify(before), `state changed: ${JSON.stringify(before)} -> ${JSON.stringify(wpState())}`);
    const calls = await journal();
    ok(calls.length === 0, `RunCloud was called: ${calls.map((c) => `${c.method} ${c.path}`).join(', ')}`);
    ok(JSON.stringify((await webapp()).advanced_ssl) === JSON.stringify(mode), 'the web app\'s SSL mode changed');
  });

  // A customer's site administrator: a valid nonce of their own session, no network capability.
  await check('a customer\'s site administrator is refused every admin action and the plugin\'s page, and nothing changes', async () => {
    const context = await browser.createBrowserContext();
    const page = await newPage(context);
    try {
      await login(page, 'customer', 'customer-pass-1');
      await screenshot(page, 'customer-dashboard');
      const cookie = await loginCookie(page);
      await clearJournal();
      const before = wpState();
      for (const action of ACTIONS) {
        const nonce = cli('nonce', 'customer', action, cookie);
        const r = await postAction(page, action, nonce);
        ok(r.status === 403 && /not allowed/i.test(r.text), `${action}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
      }
      const res = await go(page, PAGE_URL);
      ok(res.status() === 403 || /not allowed/i.test(await page.evaluate(() => document.body.innerText)), 'the page opened for a customer');
      await screenshot(page, 'customer-refused-page');
      ok(JSON.stringify(wpState()) === JSON.stringify(before), 'state changed');
      const calls = await journal();
      ok(calls.length === 0, `RunCloud was called: ${calls.map((c) => `${c.method} ${c.path}`).join(', ')}`);
    } finally {
      current = admin;
      await context.close();
    }
  });

  // Ultimate Multisite's AJAX action checks neither a nonce nor a capability: the plugin's test must.
  await check('the wizard\'s connection test refuses a customer\'s site administrator, says so, and calls nothing at RunCloud', async () => {
    const context = await browser.createBrowserContext();
    const page = await newPage(context);
    try {
      await login(page, 'customer', 'customer-pass-1');
      await clearJournal();
      const before = wpState();
      const answer = await page.evaluate(async (url) => {
        const res = await fetch(url, { method: 'POST', body: new URLSearchParams({ action: 'wu_test_hosting_integration', integration: 'runcloud' }), credentials: 'include' });
        return res.text();
      }, `${BASE}/wp-admin/admin-ajax.php`);
      const json = JSON.parse(answer);
      ok(json.success === false, `the wizard's test passed for a customer: ${answer}`);
      contains('network administrator', JSON.stringify(json.data), 'the refusal says who may run it');
      ok(JSON.stringify(wpState()) === JSON.stringify(before), 'state changed');
      const calls = await journal();
      ok(calls.length === 0, `RunCloud was called: ${calls.map((c) => `${c.method} ${c.path}`).join(', ')}`);
    } finally {
      current = admin;
      await context.close();
    }
  });
} catch (e) {
  console.log(`FAILED [${LABEL}] the suite stopped: ${(e.stack || e).toString().split('\n').slice(0, 3).join(' | ')}`);
  failed++;
} finally {
  await browser.close();
}

console.log(`RESULT ${passed} ${failed}`);
