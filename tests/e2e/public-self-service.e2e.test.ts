// The public on its own (issue 20): registering from the login page and signing in, a forgotten password reset by SMS
// code, a case's progress looked up with the number and query code of its receipt, and the rating form (非常不满意
// names what went wrong and is confirmed; 匿名评价 is part of the form, not beside 提交评价).
// Run: node scripts/test.mjs --e2e tests/e2e/public-self-service.e2e.test.ts
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { act, apiAs, browserSuite, confirmDialog, grantedCompanyCase } from './browser.ts';
import { idNumberCheckChar } from '../../src/platform/identity.ts';
import { smsCodeHash } from '../../src/modules/accounts/index.ts';
import { queryCodeOf } from '../../src/modules/cases/index.ts';

const cases = { granted: '', delivered: '' };
let companyName = '';

const suite = browserSuite();
const { e2e } = suite;

/** Two cases of the demo company, granted; the second delivered (made once, by the first test that needs them). */
async function companyCases(): Promise<typeof cases> {
  if (cases.delivered) return cases;
  const url = suite.url;
  const company = await apiAs(url, 'company');
  companyName = (await company<{ user: { displayName: string } }>('GET', '/api/auth/me')).user.displayName;
  cases.granted = await grantedCompanyCase(url, '淮北市进度查询科技有限公司');
  cases.delivered = await grantedCompanyCase(url, '淮北市评价表单科技有限公司');
  await act(await apiAs(url, 'clerk'), cases.delivered, 'deliver', { method: 'electronic' });
  return cases;
}

/**
 * The code the SMS gateway would have delivered: the test server's log stands in for the gateway, so the test sets
 * the digest of a code it knows on the code just sent.
 */
async function knownCode(purpose: 'register' | 'reset', phone: string, page: Page): Promise<string> {
  await page.getByText(`验证码已发送至 ${phone.slice(0, 3)}****${phone.slice(-4)}`).waitFor();
  const code = '246810';
  await suite.db.execute(sql`UPDATE sms_code SET code_hash = ${smsCodeHash(purpose, phone, code)} WHERE phone = ${phone} AND purpose = ${purpose}`);
  return code;
}

e2e('a person registers from the login page with an SMS code, signs in, and resets a forgotten password', async () => {
  const { page } = await suite.newPage();
  await page.goto(`${suite.url}/login`);
  await page.getByTestId('login-register').click();
  await page.waitForURL(`${suite.url}/register`);
  const first17 = '34060319880808123';
  const phone = '13712345678';
  await page.getByTestId('register-name').fill('陈注册');
  await page.getByTestId('register-id').fill(first17 + idNumberCheckChar(first17));
  await page.getByTestId('register-username').fill('chen.zhuce');
  await page.getByTestId('register-phone').fill(phone);
  await page.getByTestId('sms-send').click();
  const code = await knownCode('register', phone, page);
  await page.getByTestId('sms-code').fill(code);
  await page.getByTestId('register-password').fill('Chen2026ok');
  await page.getByTestId('register-confirm').fill('Chen2026ok');
  await page.getByTestId('register-submit').click();
  await page.getByTestId('register-done').getByText('请使用用户名 chen.zhuce 登录').waitFor();

  await page.getByTestId('register-to-login').click();
  await page.waitForURL(`${suite.url}/login`);
  await page.getByTestId('login-forgot').click();
  await page.waitForURL(`${suite.url}/forgot-password`);
  await page.getByTestId('forgot-username').fill('chen.zhuce');
  await page.getByTestId('forgot-phone').fill(phone);
  await page.getByTestId('sms-send').click();
  const resetCode = await knownCode('reset', phone, page);
  await page.getByTestId('sms-code').fill(resetCode);
  await page.getByTestId('forgot-password').fill('Chen2027ok');
  await page.getByTestId('forgot-confirm').fill('Chen2027ok');
  await page.getByTestId('forgot-submit').click();
  await page.getByTestId('forgot-done').waitFor();

  await suite.signIn(page, 'chen.zhuce', 'Chen2027ok');
  await page.waitForURL(`${suite.url}/app`);
  // an applicant's workbench: applying is on the menu, administration is not
  await page
    .getByTestId('menu-users')
    .waitFor({ state: 'detached', timeout: 1_000 })
    .catch(() => undefined);
  assert.equal(await page.getByTestId('menu-users').count(), 0);
});

e2e('办件进度查询: the number and the query code of the receipt show status and dates, and nobody’s name', async () => {
  await companyCases();
  const { page } = await suite.newPage();
  await page.goto(suite.url);
  await page.getByTestId('public-nav-progress').click();
  await page.waitForURL(`${suite.url}/progress`);
  await page.getByTestId('progress-number').fill(cases.granted);
  await page.getByTestId('progress-code').fill('AAAAAAAA');
  await page.getByTestId('progress-submit').click();
  await page.getByTestId('progress-error').getByText('办件编号或查询码不正确').waitFor();

  await page.getByTestId('progress-code').fill(queryCodeOf(cases.granted));
  await page.getByTestId('progress-submit').click();
  const result = page.getByTestId('progress-result');
  await result.waitFor();
  assert.equal(await page.getByTestId('progress-error').count(), 0);
  await result.getByText('企业设立登记（有限责任公司）').waitFor();
  assert.equal(await page.getByTestId('progress-status').innerText(), '已决定');
  await result.getByText('受理').first().waitFor();
  const text = await result.innerText();
  assert.ok(!text.includes(companyName), 'the applicant is not named');
  assert.ok(!text.includes('淮北市进度查询科技有限公司'), 'nothing of the form');
});

e2e('the rating form: 非常不满意 needs an indicator and a confirmation; 匿名评价 sits in the form, not beside 提交评价', async () => {
  await companyCases();
  const page = await suite.pageAs('company');
  await page.goto(`${suite.url}/app/cases/${cases.delivered}`);
  await page.getByTestId('rate-level-5').click();
  await page.getByTestId('rate-indicator-required').waitFor();

  const anonymous = (await page.getByTestId('rate-anonymous').boundingBox())!;
  const submit = (await page.getByTestId('rate-submit').boundingBox())!;
  assert.ok(anonymous.y + anonymous.height <= submit.y, 'the checkbox is a row of its own above the button');

  // without an indicator nothing is sent and nothing asked
  await page.getByTestId('rate-submit').click();
  await page.locator('.ant-message').getByText('请至少选择一项不满意的方面').first().waitFor();
  assert.equal(await page.getByTestId('confirm-ok').count(), 0);

  await page.getByTestId('rate-indicator-101').click();
  await page.getByTestId('rate-indicator-required').waitFor({ state: 'detached' });
  await page.getByTestId('rate-submit').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('确认提交“非常不满意”评价？').last().waitFor();
  await dialog.getByRole('button', { name: '取消' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.getByTestId('rating-form').count(), 1, 'cancelled: still the form');

  await page.getByTestId('rate-submit').click();
  await page.getByTestId('confirm-ok').waitFor();
  await confirmDialog(page, 'confirm-ok');
  await page.getByTestId('rate-thanks').waitFor();
});
