// The whole life of a case in a real Chromium, each step by the user who does it, signed in through the login page:
// a company applies online for 食品经营许可（餐饮服务） (its business licence instead of an upload, an upload and a
// 告知承诺), the window asks for a correction, the company answers, the window accepts, one reviewer holds a hearing
// (the clock pauses) and passes the review, a second reviewer grants it; the company downloads the decision and finds
// the licence in its wallet, the public verify page says 有效; a bad rating opens a remedy that the department answers
// and closes; the supervisor's dashboard shows the remedy rate; the department revokes the licence: 已注销.
// Run: npx tsx --test tests/e2e/journey.e2e.test.ts   (E2E_SHOTS=dir also saves screenshots, desktop and 390px)
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_COMPANY_USCC } from '../../src/bootstrap/demo.ts';
import { checkIdentifier, makeIdentifier } from '../../src/modules/licenses/index.ts';
import { makeUscc } from '../../src/platform/identity.ts';
import { pinToday } from '../../src/platform/clock.ts';
import { apiAs, attr, browserSuite, choose, confirmDialog, DEMO_PASSWORD, E2E_TODAY, pick, shot } from './browser.ts';

/** 食品经营许可（餐饮服务） of 淮北市市场监督管理局: its result is a 食品经营许可证 held by an organisation. */
const ITEM = '340600-XK-0001';
const BUSINESS_LICENSE_TYPE = `${makeUscc('11', '100000', '00002010')}001`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/**
 * The demo has no licences: the market department issues the company its 营业执照 (so the application can use it
 * instead of an upload), and the admin adds a second reviewer to the department.
 */
async function setup(url: string) {
  const admin = await apiAs(url, 'admin');
  const { items } = await admin<{ items: { id: number; name: string }[] }>('GET', `/api/departments?q=${encodeURIComponent('淮北市市场监督管理局')}`);
  const market = items.find((d) => d.name === '淮北市市场监督管理局')!;
  await admin('POST', '/api/users', {
    username: 'reviewer2',
    displayName: '市场监管局 刘审批',
    password: DEMO_PASSWORD,
    roles: [{ role: 'reviewer', regionCode: '340600', departmentId: market.id }],
  });
  const reviewer = await apiAs(url, 'reviewer');
  await reviewer('POST', '/api/licenses', {
    typeCode: BUSINESS_LICENSE_TYPE,
    departmentId: market.id,
    holder: { kind: 'organisation', name: '淮北市相山区味道餐饮有限公司', idNumber: DEMO_COMPANY_USCC },
    data: { 名称: '淮北市相山区味道餐饮有限公司', 类型: '有限责任公司', 住所: '淮北市相山区人民路 88 号' },
  });
}

const suite = browserSuite({ setup });
const { e2e } = suite;

/** The clerk opens a submitted case at the general window and accepts it; returns the clerk's page on the accepted case. */
async function acceptAtWindow(number: string): Promise<Page> {
  const page = await suite.pageAs('clerk');
  await page.goto(`${suite.url}/app/window?case=${number}`);
  await attr(page, 'case-panel', 'status', 'submitted').waitFor();
  await page.getByTestId('window-accept').click();
  await page.getByTestId('accept-confirm').click();
  await attr(page, 'case-panel', 'status', 'in_review').waitFor();
  return page;
}

/** Shared along the journey (node:test runs a file's tests in order). */
let caseNumber = '';
let licenseId = '';
/** The licence's verification code, which its QR link carries (public verification needs it). */
let verifyCode = '';

e2e('the company applies online: the form is checked, the business licence replaces an upload, a pledge and an upload; the receipt downloads', async () => {
  const page = await suite.pageAs('company');
  await page.goto(`${suite.url}/guide/${ITEM}`);
  await page.getByTestId('guide-apply').click();
  await page.waitForURL(`${suite.url}/app/apply/${ITEM}`);
  await page.getByTestId('apply-item-name').getByText('食品经营许可（餐饮服务）').waitFor();

  // the company's name and USCC come from its account, read-only
  await attr(page, 'apply-usccCode', 'readonly', 'true').waitFor();
  await page.waitForFunction(
    (v) => (document.querySelector('[data-testid="apply-input-usccCode"]') as HTMLInputElement | null)?.value === v,
    DEMO_COMPANY_USCC,
  );
  assert.equal(await page.getByTestId('apply-input-entityName').inputValue(), '淮北市相山区味道餐饮有限公司');

  // the browser checks the form before anything is sent
  await page.getByTestId('apply-submit').click();
  await page.getByTestId('apply-shopAddress').getByText('请填写经营场所').waitFor();
  await page.getByTestId('apply-input-phone').fill('1390561');
  await page.getByTestId('apply-phone').getByText('手机号码不正确').waitFor();

  await page.getByTestId('apply-input-phone').fill('13905611008');
  await page.getByTestId('apply-input-legalRep').fill('王味道');
  await page.getByTestId('apply-input-shopAddress').fill('淮北市相山区人民路 88 号');
  await page.getByTestId('apply-businessItems').getByText('热食类食品制售').click();
  await page.getByTestId('apply-input-seats').fill('24');

  // 免提交: the platform offers the company's own 营业执照, previewed; the company confirms
  const offer = page.getByTestId('license-offer-business_license');
  await offer.getByText('营业执照').first().waitFor();
  await offer.locator('[data-testid="license-status"][data-status="valid"]').waitFor();
  await page.getByTestId('use-license-business_license').click();
  await attr(page, 'material-mode-business_license', 'mode', 'license').waitFor();
  await page.getByTestId('apply-draft-number').waitFor();

  await page.getByTestId('material-file-application').setInputFiles({ name: '食品经营许可申请书.pdf', mimeType: 'application/pdf', buffer: PDF });
  await attr(page, 'material-mode-application', 'mode', 'upload').waitFor();
  await page.getByTestId('material-file-layout').setInputFiles({ name: '平面布局图.pdf', mimeType: 'application/pdf', buffer: PDF });
  await attr(page, 'material-mode-layout', 'mode', 'upload').waitFor();

  // 告知承诺: the text to sign is shown first
  await page.getByTestId('pledge-safety_rules').click();
  assert.match(await page.getByTestId('pledge-text').innerText(), /淮北市相山区味道餐饮有限公司郑重承诺.*食品安全管理制度目录及食品安全管理人员信息/);
  await page.getByTestId('pledge-confirm').click();
  await attr(page, 'material-mode-safety_rules', 'mode', 'pledge').waitFor();
  await page.getByTestId('apply-save').click();
  await page.locator('.ant-message').getByText('草稿已保存').first().waitFor();
  await shot(page, 'apply');

  // the server checks again: its problems appear beside the fields (here a reply the browser could not foresee)
  await page.route(
    '**/api/cases/*/submit',
    (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({
          code: 'CASE_FORM_INVALID',
          message: { zh: '申请表填写有误', en: 'The application form has errors' },
          details: { problems: [{ field: 'shopAddress', message: 'must NOT have more than 200 characters' }] },
        }),
      }),
    { times: 1 },
  );
  await page.getByTestId('apply-submit').click();
  await page.getByTestId('apply-shopAddress').getByText('不能超过 200 个字符').waitFor();

  await page.getByTestId('apply-input-shopAddress').fill('淮北市相山区人民路 88 号一层');
  await page.getByTestId('apply-submit').click();
  const receipt = page.getByTestId('apply-receipt-number');
  await receipt.waitFor();
  caseNumber = (await receipt.innerText()).trim();
  assert.match(caseNumber, /^34060020\d{6}\d{6}$/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('apply-receipt-download').click()]);
  assert.equal(download.suggestedFilename(), `${caseNumber}-receipt.docx`);
});

e2e('the window finds the case and sends one correction notice', async () => {
  const page = await suite.pageAs('clerk');
  await page.getByTestId('menu-window').click();
  await page.getByTestId('window-search').locator('input').fill(caseNumber);
  await page.keyboard.press('Enter');
  await page.getByTestId(`queue-open-${caseNumber}`).click();
  const panel = page.getByTestId('case-panel');
  await attr(page, 'case-panel', 'status', 'submitted').waitFor();
  await panel.getByTestId('case-material-business_license').getByText('电子证照（免提交）').waitFor();
  await shot(page, 'window');
  await page.getByTestId('window-correction').click();
  await choose(page, 'correction-material-0', '经营场所平面布局图');
  await page.getByTestId('correction-note-0').fill('平面布局图未标明功能区面积，请补充后重新上传');
  await page.getByTestId('correction-ok').click();
  await attr(page, 'case-panel', 'status', 'correction_requested').waitFor();
  await page.getByTestId('case-open-correction').getByText('平面布局图未标明功能区面积').waitFor();
});

e2e('the company answers the correction: re-uploads the plan and sends it', async () => {
  const page = await suite.pageAs('company');
  await page.getByTestId('menu-cases').click();
  await attr(page, `case-status-${caseNumber}`, 'status', 'correction_requested').waitFor();
  await page.getByTestId(`case-link-${caseNumber}`).click();
  await attr(page, 'case-next', 'next', 'answer_correction').waitFor();
  await page.getByTestId('case-next').getByText('平面布局图未标明功能区面积').waitFor();
  // A new file (the same bytes again would not answer the notice).
  await page
    .getByTestId('correction-file-layout')
    .setInputFiles({ name: '平面布局图（标注面积）.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([PDF, Buffer.from('% areas marked\n')]) });
  await page.getByTestId('material-file-link-layout').getByText('平面布局图（标注面积）.pdf').waitFor();
  await attr(page, 'correction-item-0', 'done', 'true').waitFor();
  await page.getByTestId('correction-confirm').check();
  await page.getByTestId('case-answer').click();
  await attr(page, 'case-page', 'status', 'submitted').waitFor();
  await page.getByTestId('event-correction_answered').waitFor();
});

e2e('the window accepts: the clock starts', async () => {
  const page = await acceptAtWindow(caseNumber);
  await page.getByTestId('clock-deadline').waitFor();
  assert.match(await page.getByTestId('clock-deadline').innerText(), /^\d{4}-\d{2}-\d{2}$/);
});

e2e('a reviewer claims, holds a hearing (the clock pauses), ends it, checks the licence and passes the review', async () => {
  const page = await suite.pageAs('reviewer');
  await page.getByTestId('menu-review').click();
  await page.getByTestId(`queue-open-${caseNumber}`).click();
  await attr(page, 'case-panel', 'status', 'in_review').waitFor();
  await page.getByTestId('review-claim').click();
  await page.getByTestId('review-start-special').click();
  await page.getByTestId('start-special-reason').fill('经营场所涉及相邻住户重大利益，依申请举行听证');
  await confirmDialog(page, 'start-special-ok');
  await page.getByTestId('clock-paused').waitFor();
  await page.getByTestId('case-special').getByText('听证').waitFor();
  await shot(page, 'review-paused');

  await page.getByTestId('review-end-special').click();
  await page.getByTestId('end-special-reason').fill('听证结束，相邻住户无异议');
  await confirmDialog(page, 'end-special-ok');
  await page.getByTestId('review-start-special').waitFor();
  assert.equal(await page.getByTestId('clock-paused').count(), 0);

  // the attached licence, read by the department: valid and sealed
  await page.getByTestId('license-check-button-business_license').click();
  await attr(page, 'license-check-business_license', 'ok', 'true').waitFor();
  await page.getByTestId('license-check-business_license').getByText('签章验证通过').waitFor();

  await page.getByTestId('review-complete').click();
  await page.getByTestId('complete-opinion').fill('材料齐全，经营场所布局合理，同意');
  await page.getByTestId('complete-ok').click();
  await attr(page, 'step-decide', 'status', 'active').waitFor();
  await attr(page, 'step-review', 'status', 'done').waitFor();
});

e2e('a second reviewer claims from the queue and hands the 决定 step to the department lead by name, who grants the licence', async () => {
  const page = await suite.pageAs('reviewer2');
  await page.getByTestId('menu-review').click();
  await page.getByTestId(`queue-select-${caseNumber}`).click();
  await page.getByTestId('review-claim-bulk').click();
  await page.locator('.ant-message').getByText('已认领 1 件').first().waitFor();
  await page.getByTestId(`queue-open-${caseNumber}`).click();
  await page.getByTestId('review-transfer').click();
  // The first reviewer did the 审查: 决定 goes to someone else (审批分离), here the department's lead.
  await choose(page, 'transfer-user', '市场监督管理局 决定');
  await page.getByTestId('transfer-ok').click();
  await page.locator('.ant-message').getByText('已转办').first().waitFor();
  await page.getByTestId('event-step_transferred').waitFor();

  const lead = await suite.pageAs('market.lead');
  await lead.goto(`${suite.url}/app/review?q=${caseNumber}`);
  await lead.getByTestId(`queue-open-${caseNumber}`).click();
  await lead.getByTestId('review-complete').click();
  await lead.getByTestId('complete-last').waitFor();
  await lead.getByTestId('complete-opinion').fill('准予许可');
  await lead.getByTestId('complete-ok').click();
  await attr(lead, 'case-panel', 'status', 'decided').waitFor();
  await lead.getByTestId('event-license_issued').waitFor();
});

e2e('the company downloads the decision, finds the licence in its wallet, and the public page verifies it as 有效', async () => {
  const page = await suite.pageAs('company');
  await page.goto(`${suite.url}/app/cases/${caseNumber}`);
  await attr(page, 'case-page', 'status', 'decided').waitFor();
  await attr(page, 'case-outcome', 'outcome', '0').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('notice-decision').click()]);
  assert.equal(download.suggestedFilename(), `${caseNumber}-decision.docx`);
  await shot(page, 'case');

  await page.getByTestId('case-wallet').click();
  await page.waitForURL(`${suite.url}/app/licenses`);
  const card = page.getByTestId('license-card').filter({ hasText: '食品经营许可证' });
  await card.waitFor();
  assert.equal(await card.getAttribute('data-status'), 'valid');
  licenseId = (await card.getAttribute('data-identifier'))!;
  assert.match(licenseId, /^1\.2\.156\.3005\.2\./);
  const qrUrl = (await card.getByTestId('license-qr').getAttribute('data-url')) ?? '';
  assert.match(qrUrl, new RegExp(`/verify/${licenseId.replace(/\./g, '\\.')}\\?code=[0-9A-F]{12}$`));
  verifyCode = new URL(qrUrl).searchParams.get('code')!;
  await card.getByText(caseNumber).waitFor();
  await shot(page, 'wallet');

  // anyone, without signing in
  const { page: visitor } = await suite.newPage();
  await visitor.goto(`${suite.url}/verify/${licenseId}?code=${verifyCode}`);
  await attr(visitor, 'verify-status', 'status', 'valid').waitFor();
  assert.match(await visitor.getByTestId('verify-status').innerText(), /有效/);
  await attr(visitor, 'verify-seal', 'valid', 'true').waitFor();
  // a company is public on verification (issue 20): its name in full, so a customer can tell whose licence it is
  assert.match(await visitor.getByTestId('verify-holder').innerText(), /^淮北市.+公司$/);
  await shot(visitor, 'verify');

  // an unknown and a malformed identifier get a plain answer
  const parts = checkIdentifier(licenseId);
  assert.ok(parts.valid);
  await visitor.goto(`${suite.url}/verify/${makeIdentifier({ ...parts, serial: '2099999999' })}?code=${verifyCode}`);
  await attr(visitor, 'verify-status', 'status', 'not_found').waitFor();
  assert.match(await visitor.getByTestId('verify-status').innerText(), /查无此证/);
  // without the code, the identifier alone shows nothing (serials cannot be walked)
  await visitor.goto(`${suite.url}/verify/${licenseId}`);
  await attr(visitor, 'verify-status', 'status', 'code_required').waitFor();
  await visitor.goto(`${suite.url}/verify/not-a-license`);
  await attr(visitor, 'verify-status', 'status', 'malformed').waitFor();
  assert.match(await visitor.getByTestId('verify-status').innerText(), /证照标识格式不正确/);
});

e2e('the company rates the case 非常不满意; the department remedies it by the deadline and closes it', async () => {
  const page = await suite.pageAs('company');
  await page.goto(`${suite.url}/app/cases/${caseNumber}`);
  await page.getByTestId('rate-level-5').click();
  await page.getByTestId('rate-indicator-101').click();
  await page.getByTestId('rate-comment').fill('听证等待时间较长，进度不透明');
  await page.getByTestId('rate-submit').click();
  // 非常不满意 is confirmed before it is sent
  await page.getByTestId('confirm-ok').waitFor();
  await confirmDialog(page, 'confirm-ok');
  await page.getByTestId('rate-thanks').waitFor();
  // the form gives way to the rating as given
  await page.getByTestId('rating-given-1').getByText('非常不满意').waitFor();
  assert.equal(await page.getByTestId('rating-form').count(), 0, 'no form for a second first rating');

  // The remedy is handled by a colleague who did not act on the case (the reviewer and the lead did).
  const reviewer = await suite.pageAs('market.officer');
  await reviewer.getByTestId('menu-remedies').click();
  const row = reviewer.getByTestId(`remedy-${caseNumber}`);
  await row.waitFor();
  const id = await row.getAttribute('data-id');
  assert.match(await reviewer.getByTestId(`remedy-due-${id}`).innerText(), /\d{4}-\d{2}-\d{2}/);
  await row.getByText('非常不满意').waitFor();
  await shot(reviewer, 'remedies');

  await reviewer.getByTestId(`remedy-classify-${id}`).click();
  await pick(reviewer, 'remedy-classification', '立行立改');
  await reviewer.getByTestId('remedy-classify-ok').click();
  await attr(reviewer, `remedy-status-${id}`, 'status', 'classified').waitFor();
  await reviewer.getByTestId(`remedy-reply-${id}`).click();
  await reviewer.getByTestId('remedy-reply-text').fill('已优化听证安排并在办件页面公开进度，感谢您的监督');
  await reviewer.getByTestId('remedy-reply-ok').click();
  await attr(reviewer, `remedy-status-${id}`, 'status', 'replied').waitFor();
  await reviewer.getByTestId(`remedy-follow-${id}`).click();
  await reviewer.getByTestId('remedy-follow-note').fill('电话回访，申请人对整改表示满意');
  // no answer is preselected: the caller records what the rater said
  await reviewer.getByTestId('remedy-follow-answer').getByText('满意', { exact: true }).click();
  await reviewer.getByTestId('remedy-follow-ok').click();
  await attr(reviewer, `remedy-status-${id}`, 'status', 'followed_up').waitFor();
  await reviewer.getByTestId(`remedy-close-${id}`).click();
  await reviewer.getByTestId('remedy-close-confirm').click();
  await attr(reviewer, `remedy-status-${id}`, 'status', 'closed').waitFor();

  // the applicant sees the department's answer under the rating, and rates once more (追评, once per case)
  await page.goto(`${suite.url}/app/cases/${caseNumber}`);
  const given = page.getByTestId('rating-given-1');
  await given.getByText('听证等待时间较长，进度不透明').waitFor();
  assert.equal(await page.getByTestId('rating-given-1-reply').innerText(), '已优化听证安排并在办件页面公开进度，感谢您的监督');
  await page.getByTestId('rate-follow-up').click();
  const again = page.getByTestId('rating-follow-up-form');
  await again.getByTestId('rate-level-2').click();
  await again.getByTestId('rate-submit').click();
  await page.getByTestId('rating-given-2').getByText('满意', { exact: true }).waitFor();
  assert.equal(await page.getByTestId('rate-follow-up').count(), 0, 'one follow-up per case');
  // the clock of a closed case says when it closed and whether on time, not "正常 · 剩余 0"
  assert.match(await page.getByTestId('clock-stopped').innerText(), /^\d{4}-\d{2}-\d{2} 办结$/);
  assert.match(await page.getByTestId('clock-remaining').innerText(), /^(按期办结|超期 \d+ 个工作日办结)/);
  assert.equal(await page.getByTestId('warning-tag').count(), 0);
  await shot(page, 'case-rated');
});

e2e('the supervisor’s dashboard shows this month’s 差评整改率 at 100%', async () => {
  const page = await suite.pageAs('supervisor');
  await page.getByTestId('menu-supervision').click();
  await page.getByRole('tab', { name: '好差评统计' }).click();
  const kpi = page.getByTestId('kpi-remedyRate');
  await kpi.getByText('100%').waitFor();
  assert.match(await page.getByTestId('kpi-badRate').innerText(), /100%/);
  await page.getByTestId('stats-chart').locator('svg').waitFor();
  await page.getByTestId('stats-table').getByText('淮北市市场监督管理局').waitFor();
  await shot(page, 'supervision');

  // the same figures are public
  const { page: visitor } = await suite.newPage();
  await visitor.goto(`${suite.url}/ratings`);
  await visitor.getByTestId('public-ratings-table').getByText('淮北市市场监督管理局').waitFor();
});

e2e('the department revokes the licence with a reason; the verify page shows 已注销', async () => {
  const page = await suite.pageAs('reviewer');
  // the reviewer's page may still show a case drawer from the review: close it, then the menu
  if (await page.locator('.ant-drawer-close').count()) {
    await page.locator('.ant-drawer-close').click();
    await page.getByTestId('case-panel').waitFor({ state: 'detached' });
  }
  await page.getByTestId('menu-licenseManage').click();
  await page.getByTestId('license-lookup').locator('input').fill(licenseId);
  await page.keyboard.press('Enter');
  await attr(page, 'license-managed', 'status', 'valid').waitFor();
  await page.getByTestId('license-revoke').click();
  await page.getByTestId('license-action-reason').fill('经营者申请注销');
  await page.getByTestId('license-action-ok').click();
  await attr(page, 'license-managed', 'status', 'revoked').waitFor();

  const { page: visitor } = await suite.newPage();
  await visitor.goto(`${suite.url}/verify/${licenseId}?code=${verifyCode}`);
  await attr(visitor, 'verify-status', 'status', 'revoked').waitFor();
  assert.match(await visitor.getByTestId('verify-status').innerText(), /已注销/);
});

e2e('on a 390px phone the apply, case, wallet and verify pages fit the width', async () => {
  const { page } = await suite.newPage({ viewport: { width: 390, height: 844 } });
  await suite.signIn(page, 'company');
  await page.waitForURL(`${suite.url}/app`);
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  for (const [name, url, ready] of [
    ['apply-390', `/app/apply/${ITEM}`, 'apply-materials'],
    ['case-390', `/app/cases/${caseNumber}`, 'case-clock'],
    ['wallet-390', '/app/licenses', 'license-card'],
    ['verify-390', `/verify/${licenseId}?code=${verifyCode}`, 'verify-status'],
  ] as const) {
    await page.goto(`${suite.url}${url}`);
    await page.getByTestId(ready).first().waitFor();
    assert.ok(await fits(), `${name} fits 390px`);
    await shot(page, name);
  }
});

e2e(
  'on 28 December of the calendar’s last loaded year the window accepts a case: the clock keeps the acceptance day and says why the dates in the next year wait',
  async () => {
    const company = await apiAs(suite.url, 'company');
    const { years } = await company<{ years: { year: number }[] }>('GET', '/api/calendar/years');
    const last = Math.max(...years.map((y) => y.year));
    // at most three days of the year remain: the promised 5 and legal 10 working days both end in the next year
    const day = `${last}-12-28`;
    pinToday(day);
    try {
      const draft = await company<{ number: string }>('POST', '/api/cases', {
        implementationCode: ITEM,
        formData: {
          entityName: '淮北市相山区味道餐饮有限公司',
          usccCode: DEMO_COMPANY_USCC,
          phone: '13905611008',
          legalRep: '王味道',
          shopAddress: '淮北市相山区人民路 90 号',
          businessItems: ['冷食类食品制售'],
          seats: 0,
        },
      });
      const number = draft.number;
      for (const key of ['business_license', 'application', 'layout']) await company('PUT', `/api/cases/${number}/materials/${key}?fileName=${key}.pdf`, PDF);
      await company('POST', `/api/cases/${number}/materials/safety_rules/pledge`);
      const { version } = await company<{ version: number }>('GET', `/api/cases/${number}`);
      await company('POST', `/api/cases/${number}/submit`, { version });

      const page = await acceptAtWindow(number);
      const clock = page.getByTestId('case-panel').getByTestId('case-clock');
      await clock
        .getByTestId('clock-calendar-missing')
        .getByText(`${last + 1} 年的工作日历尚未导入`)
        .waitFor();
      assert.equal(await clock.getByTestId('clock-accepted-on').innerText(), day);
      // The dates that reach the next year say why they wait, instead of a bare dash; none is guessed.
      const waits = `待国务院公布${last + 1}年节假日安排后确定`;
      assert.equal(await clock.getByTestId('clock-deadline').innerText(), waits);
      assert.equal(await clock.getByTestId('clock-legal-deadline').innerText(), waits);
      assert.equal(await clock.getByTestId('clock-remaining').innerText(), waits);
      // Three working days remain in the year, so the deadline is at least four away: no warning yet.
      assert.equal(await clock.getAttribute('data-warning'), 'none');
      await shot(page, 'clock-missing-year');
    } finally {
      pinToday(E2E_TODAY);
    }
  },
);
