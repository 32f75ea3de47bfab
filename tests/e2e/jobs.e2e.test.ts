// The jobs page in a real Chromium: an SMS whose gateway refused it for the last time is listed as failed, with its
// error (the phone masked); the admin retries it, and the next delivery sends it.
// Run: npm run build && node scripts/test.mjs --e2e tests/e2e/jobs.e2e.test.ts
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { browserSuite } from './browser.ts';
import { queryRows } from '../../src/platform/db/db.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { messageRequested, type OutboundMessage } from '../../src/platform/notify.ts';
import { publish } from '../../src/platform/outbox.ts';
import { deliverNow } from '../../src/bootstrap/jobs.ts';

const suite = browserSuite();
const { e2e } = suite;

e2e('the admin sees a failed job with its error, retries it, and it is delivered', async () => {
  const config = loadConfig({ NODE_ENV: 'test' });
  const id = await suite.db.transaction((tx) =>
    publish(tx, messageRequested, { channel: 'sms', to: '13905611234', text: '【一网通办】测试短信' }, { maxAttempts: 1 }),
  );
  const down = { send: async (m: OutboundMessage) => Promise.reject(new Error(`SMS gateway timed out sending to ${m.to}`)) };
  assert.equal((await deliverNow(suite.db, down, config)).failed, 1);

  const page = await suite.pageAs('admin');
  await page.goto(`${suite.url}/app`);
  await page.getByTestId('menu-jobs').click();
  await page.getByTestId('jobs-status-failed').click();
  const row = page
    .getByTestId('jobs-table')
    .locator('.ant-table-row')
    .filter({ has: page.getByTestId(`job-retry-${id}`) });
  const error = await row.getByTestId('job-error').textContent();
  assert.match(error ?? '', /SMS gateway timed out sending to 139\*\*\*\*1234/, 'the error is shown, the phone masked');
  await page.getByTestId(`job-retry-${id}`).click();
  await page.getByTestId(`job-retry-${id}`).waitFor({ state: 'detached' });
  const [after] = await queryRows<{ status: string }>(suite.db, sql`SELECT status FROM outbox_event WHERE id = ${id}`);
  assert.equal(after.status, 'pending');

  const sent: OutboundMessage[] = [];
  assert.equal((await deliverNow(suite.db, { send: async (m) => void sent.push(m) }, config)).delivered, 1);
  assert.deepEqual(
    sent.map((m) => m.to),
    ['13905611234'],
  );
  await page.getByTestId('jobs-status-done').click();
  await page.getByTestId('jobs-table').locator('.ant-table-row').filter({ hasText: 'platform.message-requested' }).first().waitFor();
});
