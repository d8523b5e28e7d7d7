// Drives the real Camunda Tasklist in headless Chromium (/usr/bin/chromium) and
// screenshots the Camunda Forms under forms/ as they render and behave there.
//
//   node forms.js [baseUrl] [outDir]     (defaults: http://localhost:8095, /tmp/forms)
//
// Needs a running golive with one go-live waiting at UserTask_DecideGoNoGo.
// It completes that task with "no-go" (never "go") and tries to start a go-live
// and a rollback with invalid input, which the server must refuse.
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');

const base = process.argv[2] || 'http://localhost:8095';
const out = process.argv[3] || '/tmp/forms';
const reason = 'Blocked for the forms test: release notes not signed off';
fs.mkdirSync(out, { recursive: true });

const shot = async (page, name) => {
  await page.screenshot({ path: path.join(out, name) });
  console.log('screenshot', path.join(out, name));
};

async function login(browser, user) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 2000 } });
  page.on('pageerror', e => console.log('pageerror:', e.message));
  page.on('request', r => {
    if (r.method() === 'POST' && r.url().includes('submit-form')) console.log('POST', r.url(), r.postData());
  });
  page.on('response', async r => {
    if (r.status() >= 400 && r.url().includes('/camunda/api/engine/')) {
      console.log('HTTP', r.status(), r.url(), (await r.text().catch(() => '')).slice(0, 300));
    }
  });
  await page.goto(`${base}/camunda/app/tasklist/`, { waitUntil: 'networkidle' });
  await page.fill('input[placeholder=Username]', user);
  await page.fill('input[placeholder=Password]', 'demo');
  await page.click('button[type=submit]');
  await page.getByText('My group tasks').first().waitFor();
  await page.waitForTimeout(1500);
  return page;
}

const closeToasts = async page => {
  for (const x of await page.locator('.notifications .close').all()) await x.click().catch(() => {});
};

async function goNoGo(browser) {
  const page = await login(browser, 'lead');
  await shot(page, '01-tasklist.png');
  await page.getByText('My group tasks').first().click();
  await page.getByText('Decide go/no-go').first().click();
  await page.locator('.fjs-form').waitFor();
  const claim = page.getByRole('button', { name: /^\s*Claim\s*$/ });
  if (await claim.count() && await claim.first().isVisible()) {
    await claim.first().click();
    await page.waitForTimeout(1500);
  }
  await page.waitForTimeout(1000);
  await shot(page, '02-go-no-go.png');
  console.log('form fields:', (await page.locator('.fjs-form-field label').allInnerTexts()).join(' | '));

  await page.getByRole('button', { name: 'Complete' }).click();
  await page.waitForTimeout(1500);
  console.log('validation errors:', await page.locator('.fjs-form-field-error').allInnerTexts());
  await shot(page, '03a-required.png');

  await closeToasts(page);
  await page.getByLabel('No-go').check();
  await page.getByLabel('Reason').fill(reason);
  await page.getByLabel('Reason').blur();
  await page.waitForTimeout(500);
  console.log('validation errors after filling:', await page.locator('.fjs-form-field-error').allInnerTexts());
  await shot(page, '03b-filled.png');
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.waitForTimeout(3000);
  await shot(page, '03c-completed.png');
  await page.close();
}

async function startForms(browser) {
  const page = await login(browser, 'release');
  const modal = page.locator('.modal');
  await page.getByText('Start process').first().click();
  await modal.getByText('Go-live', { exact: true }).first().click();
  await modal.locator('.fjs-form').waitFor();
  await page.waitForTimeout(1000);
  await shot(page, '04-start.png');
  await page.getByLabel('Release manifest (YAML)').fill(
    'image: golive/odoo\ntag: latest\nenvironment: sandbox\ninstall: []\nupdate: [golive_demo]\nnotes: forms test, must be refused');
  await modal.getByRole('button', { name: 'Start' }).click();
  await page.waitForTimeout(2500);
  await shot(page, '04b-start-invalid.png');

  // Tasklist keeps a start error in the modal after "Back"; close it so 05 shows only the rollback form
  for (const x of await modal.locator('.alert .close').all()) await x.click().catch(() => {});
  await modal.getByText('Back', { exact: true }).click();
  await modal.getByText('Rollback', { exact: true }).first().click();
  await modal.locator('.fjs-form').waitFor();
  await page.waitForTimeout(1000);
  await shot(page, '05-start-rollback.png');
  await page.getByLabel('Environment').fill('sandbox');
  await page.getByLabel('Backup id').fill('no-such-backup');
  await modal.getByRole('button', { name: 'Start' }).click();
  await page.waitForTimeout(2500);
  await shot(page, '05b-start-rollback-invalid.png');
  await page.close();
}

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const only = process.env.ONLY || 'all';
    if (only === 'all' || only === 'task') await goNoGo(browser);
    if (only === 'all' || only === 'start') await startForms(browser);
  } finally {
    await browser.close();
  }
})().catch(e => { console.error(e); process.exit(1); });
