import { launchExtensionBrowser } from './sandbox/browser';
import { startSandbox } from './sandbox/server';
import { extraCandidates } from './sandbox/seed';
import { connectedStorage, LIVE_CONFIGURATION } from './tests/fixtures/seeded';
import { extensionData } from './tests/support/extension-data';
const L = 150;
const c = extraCandidates(4);
const sandbox = await startSandbox({ latencyMs: L, extraCandidates: 4, leverPageSize: 100 });
const browser = await launchExtensionBrowser({ hostResolverRules: sandbox.hostResolverRules, headless: true });
const p0 = await browser.context.newPage();
await p0.goto(`chrome-extension://${browser.extensionId}/popup.html`);
await p0.evaluate(extensionData as never, {
  clear: true,
  storage: connectedStorage([{ ...LIVE_CONFIGURATION, tag: 'Bench live' }]),
});
const logs: string[] = [];
for (const w of browser.context.serviceWorkers()) w.on('console', (m) => logs.push(m.text()));
browser.context.on('serviceworker', (w) => w.on('console', (m) => logs.push(m.text())));
for (const o of c.slice(0, 3)) {
  const page = await browser.context.newPage();
  await page.goto(`https://hire.lever.co/candidates/${o.id}`);
  await page.getByRole('button', { name: 'Create CoderPad pad' }).click();
  await page.getByRole('menuitem', { name: 'Bench live' }).click();
  await page.waitForTimeout(400);
  logs.length = 0;
  const t = Date.now();
  await page.getByRole('button', { name: 'Yes, create' }).click();
  await page.getByRole('status').filter({ hasText: 'Lever is up to date' }).waitFor();
  console.log('---', o.name);
  for (const l of logs) console.log(l);
  for (const r of sandbox.state.requests.filter((r) => r.receivedAt >= t - 50))
    console.log(r.receivedAt - t, r.method, r.path);
  await page.close();
}
await browser.close();
await sandbox.close();
