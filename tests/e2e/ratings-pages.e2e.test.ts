// The 好差评 pages in a real Chromium, each as the user who works with it: the department's 差评整改 list (who rated,
// on which item and channel, what they ticked; the case one click away; the appeal's outcome with its reason; dialogs
// that say what they do; 办结 confirmed), the supervisor's decision of an appeal (a choice is required) and the
// statistics by channel (names, not codes), the counter tablet (no way into the clerk's workbench in one tap; five
// levels on one row in portrait) and the public page with a bad month in its link.
// Run: node scripts/test.mjs --e2e tests/e2e/ratings-pages.e2e.test.ts   (E2E_SHOTS=dir also saves screenshots)
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { act, apiAs, attr, browserSuite, choose, confirmDialog, grantedCompanyCase, pick, shot } from './browser.ts';

/** 企业设立登记（有限责任公司） of 淮北市市场监督管理局: a company applies, the department grants it at once (即办件). */
const ITEM_NAME = '企业设立登记（有限责任公司）';
const APPEAL_REASON = '申请人对营业执照审批结果有误解，经电话核实其评价系误选，且评价内容与本部门办理环节无关，特此申诉';
const REJECT_REASON = '经调阅办件记录，申请人反映的材料说明不清问题属实，申诉不成立，请承办部门按期整改并答复申请人';

/** Shared along the file (node:test runs a file's tests in order). */
const cases = { online: '', anonymous: '', counter: '' };
let companyName = '';

/**
 * Three cases of the company, granted and delivered: one rated 非常不满意 online with its name and two indicators,
 * one rated 不满意 anonymously, one rated 非常不满意 on the hall's tablet. Each opens a remedy for the department.
 */
async function setup(url: string) {
  const company = await apiAs(url, 'company');
  const clerk = await apiAs(url, 'clerk');
  companyName = (await company<{ user: { displayName: string } }>('GET', '/api/auth/me')).user.displayName;
  const delivered = async (i: number) => {
    const number = await grantedCompanyCase(url, `淮北市评价测试${i}科技有限公司`);
    await act(clerk, number, 'deliver', { method: 'electronic' });
    return number;
  };
  cases.online = await delivered(1);
  cases.anonymous = await delivered(2);
  cases.counter = await delivered(3);
  await company('POST', `/api/cases/${cases.online}/ratings`, {
    level: '5',
    channel: '1',
    indicators: ['101', '103'],
    comment: '窗口人员让我跑了三趟',
    anonymous: false,
  });
  await company('POST', `/api/cases/${cases.anonymous}/ratings`, {
    level: '4',
    channel: '1',
    indicators: ['102'],
    comment: '材料要求说明不清',
    anonymous: true,
  });
  await clerk('POST', `/api/cases/${cases.counter}/ratings`, { level: '5', channel: '4', indicators: ['203'] });
}

const suite = browserSuite({ setup });
const { e2e } = suite;

/** The remedy row of a case, once listed, and its id. */
async function remedyRow(page: Page, number: string): Promise<{ row: Locator; id: string }> {
  const row = page.getByTestId(`remedy-${number}`);
  await row.waitFor();
  return { row, id: (await row.getAttribute('data-id'))! };
}

/** The table of a list scrolls sideways by this many pixels (0: it fits its box). */
const overflow = (table: Locator) =>
  table
    .locator('.ant-table-content')
    .first()
    .evaluate((el) => el.scrollWidth - el.clientWidth);

/** The element lies wholly inside the window, left to right. */
async function isInView(page: Page, el: Locator): Promise<boolean> {
  const box = await el.boundingBox();
  return box !== null && box.x >= 0 && box.x + box.width <= page.viewportSize()!.width;
}

e2e('the remedies list says who rated (or 匿名), on which item and channel and what was ticked; the case number opens the case', async () => {
  const page = await suite.pageAs('market.officer');
  await page.getByTestId('menu-remedies').click();

  const online = await remedyRow(page, cases.online);
  assert.equal(await page.getByTestId(`remedy-item-${online.id}`).innerText(), ITEM_NAME);
  assert.equal(await page.getByTestId(`remedy-channel-${online.id}`).innerText(), 'PC端');
  assert.equal(await page.getByTestId(`remedy-rater-${online.id}`).innerText(), `评价人：${companyName}`);
  assert.deepEqual(await page.getByTestId(`remedy-indicators-${online.id}`).locator('.ant-tag').allInnerTexts(), ['办事效率', '办事便捷度']);
  await online.row.getByText('窗口人员让我跑了三趟').waitFor();

  const anonymous = await remedyRow(page, cases.anonymous);
  await attr(page, `remedy-rater-${anonymous.id}`, 'anonymous', 'true').getByText('匿名评价').waitFor();
  assert.ok(!(await anonymous.row.innerText()).includes(companyName), 'an anonymous rater is not named');
  assert.equal(await page.getByTestId(`remedy-channel-${anonymous.id}`).innerText(), 'PC端');

  const counter = await remedyRow(page, cases.counter);
  assert.equal(await page.getByTestId(`remedy-channel-${counter.id}`).innerText(), '政务大厅平板电脑');
  assert.deepEqual(await page.getByTestId(`remedy-indicators-${counter.id}`).locator('.ant-tag').allInnerTexts(), ['服务态度']);
  await counter.row.getByText('未填写意见').waitFor();
  // the clerk who handed over the tablet is on record
  assert.equal(await page.getByTestId(`remedy-counter-clerk-${counter.id}`).innerText(), '现场评价，窗口人员：综合窗口 李受理');
  await shot(page, 'remedies-1280');

  // the deadline, the status and the progress are on screen at 1280 and 1366 px, without scrolling sideways
  for (const width of [1280, 1366]) {
    await page.setViewportSize({ width, height: 800 });
    assert.equal(await overflow(page.getByTestId('remedies')), 0, `the list fits ${width}px`);
    assert.ok(await isInView(page, page.getByTestId(`remedy-due-${online.id}`)), `the deadline is in view at ${width}px`);
    assert.ok(await isInView(page, page.getByTestId(`remedy-status-${online.id}`)), `the status is in view at ${width}px`);
    assert.ok(await isInView(page, page.getByTestId(`remedy-close-${online.id}`)), `the actions are in view at ${width}px`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByTestId(`remedy-case-${online.id}`).click();
  await attr(page, 'case-panel', 'status', 'delivered').waitFor();
  await page.getByTestId('case-panel').getByTestId('case-title').getByText(ITEM_NAME).waitFor();
  assert.equal(new URL(page.url()).searchParams.get('case'), cases.online);
  await page.locator('.ant-drawer-close').click();
  await page.getByTestId('case-panel').waitFor({ state: 'detached' });

  // in English, no Chinese punctuation in what the page says
  await page.getByTestId('lang-en').click();
  await page.getByTestId(`remedy-rater-${online.id}`).getByText(`Rater: ${companyName}`).waitFor();
  assert.equal(await page.getByTestId(`remedy-channel-${counter.id}`).innerText(), 'Hall tablet');
  await page.getByTestId('lang-zh').click();
  await page.getByTestId(`remedy-rater-${online.id}`).getByText(`评价人：${companyName}`).waitFor();
});

e2e('the department appeals; the supervisor must choose before deciding, rejects with a reason, and the list shows 申诉已驳回 with it', async () => {
  const reviewer = await suite.pageAs('market.officer');
  await reviewer.goto(`${suite.url}/app/remedies`);
  const { row, id } = await remedyRow(reviewer, cases.anonymous);
  await reviewer.getByTestId(`remedy-appeal-${id}`).click();
  assert.equal(await reviewer.getByTestId('remedy-appeal-ok').innerText(), '提交申诉');
  await reviewer.getByTestId('remedy-appeal-reason').fill(APPEAL_REASON);
  await reviewer.getByTestId('remedy-appeal-ok').click();
  await reviewer.locator('.ant-message').getByText('申诉已提交，等待监督人员审核').first().waitFor();
  await attr(reviewer, `remedy-appeal-state-${id}`, 'appeal', 'pending').getByText('申诉审核中').waitFor();

  const page = await suite.pageAs('supervisor');
  await page.goto(`${suite.url}/app/supervision?tab=appeals`);
  const appeal = page.getByTestId(`appeal-${cases.anonymous}`);
  await appeal.waitFor();
  const appealId = (await appeal.getAttribute('data-id'))!;
  assert.equal(await page.getByTestId(`appeal-reason-${appealId}`).innerText(), APPEAL_REASON);
  await page.getByTestId(`appeal-decide-${appealId}`).click();
  await page.getByTestId('appeal-upheld').waitFor();
  assert.equal(await page.getByTestId('appeal-upheld').locator('.ant-radio-wrapper-checked').count(), 0, 'nothing is chosen for the supervisor');
  await page.getByTestId('appeal-reason').fill(REJECT_REASON);
  await page.getByTestId('appeal-decide-ok').click();
  await page.getByTestId('appeal-decide').getByText('请选择支持申诉或驳回申诉').waitFor();
  await attr(page, `appeal-status-${appealId}`, 'status', 'pending').waitFor();
  await pick(page, 'appeal-upheld', '驳回申诉');
  await page.getByTestId('appeal-decide-ok').click();
  await page.locator('.ant-message').getByText('已处理').first().waitFor();
  const status = attr(page, `appeal-status-${appealId}`, 'status', 'rejected');
  await status.getByText('已驳回').waitFor();
  await status.getByText(`处理理由：${REJECT_REASON}`).waitFor();
  // the long reasons wrap in their cells: the table fits 1280px, the decision beside its case
  assert.equal(await overflow(page.getByTestId('appeals')), 0, 'the appeals fit 1280px');
  assert.ok(await isInView(page, status));
  await shot(page, 'appeals-1280');

  await reviewer.reload();
  const state = attr(reviewer, `remedy-appeal-state-${id}`, 'appeal', 'rejected');
  await state.getByText('申诉已驳回').waitFor();
  await state.getByText(`处理理由：${REJECT_REASON}`).waitFor();
  await state.getByText('整改继续，期限不变').waitFor();
  await attr(reviewer, `remedy-status-${id}`, 'status', 'open').waitFor();
  assert.match(await reviewer.getByTestId(`remedy-due-${id}`).innerText(), /\d{4}-\d{2}-\d{2}/);
  assert.equal(await row.getByTestId(`remedy-appeal-${id}`).count(), 0, 'a decided appeal is not offered again');
  await shot(reviewer, 'remedies-rejected');
});

/** The follow-up dialog's answers as shown: each choice's text, whether it is chosen and whether it can be chosen. */
async function followUpAnswers(page: Page): Promise<{ text: string; checked: boolean; disabled: boolean }[]> {
  const group = page.getByTestId('remedy-follow-answer');
  await group.locator('.ant-radio-wrapper').first().waitFor();
  return group.locator('.ant-radio-wrapper').evaluateAll((labels) =>
    labels.map((l) => {
      const input = l.querySelector('input[type="radio"]') as HTMLInputElement;
      return { text: (l.textContent ?? '').trim(), checked: input.checked, disabled: input.disabled };
    }),
  );
}

e2e('回访 assumes no answer: a named rater’s call must be answered by hand; an anonymous bad rating can only be 无法回访', async () => {
  const page = await suite.pageAs('market.officer');
  await page.goto(`${suite.url}/app/remedies`);

  // A named rater: three answers, none chosen; saving without one is refused and nothing is recorded.
  const named = await remedyRow(page, cases.online);
  const status = page.getByTestId(`remedy-status-${named.id}`);
  const before = await status.getAttribute('data-status');
  await page.getByTestId(`remedy-follow-${named.id}`).click();
  assert.deepEqual(await followUpAnswers(page), [
    { text: '满意', checked: false, disabled: false },
    { text: '不满意', checked: false, disabled: false },
    { text: '无法回访', checked: false, disabled: false },
  ]);
  await page.getByTestId('remedy-follow-note').fill('电话回访未接通前的草稿');
  await page.getByTestId('remedy-follow-ok').click();
  await page.getByTestId('remedy-follow').getByText('请选择回访结果').waitFor();
  assert.equal(await page.getByTestId('remedy-follow-ok').isVisible(), true, 'the dialog stays open');
  await page.keyboard.press('Escape');
  await page.getByTestId('remedy-follow-ok').waitFor({ state: 'hidden' });
  assert.equal(await status.getAttribute('data-status'), before, 'nothing was recorded');

  // The anonymous bad rating: nobody can be called, so 满意 and 不满意 cannot be chosen and neither is; 无法回访 is.
  const anonymous = await remedyRow(page, cases.anonymous);
  await page.getByTestId(`remedy-follow-${anonymous.id}`).click();
  assert.equal(await page.getByTestId('remedy-follow-rater').innerText(), '匿名评价：评价人未留姓名');
  const answers = await followUpAnswers(page);
  assert.deepEqual(
    answers.map((a) => [a.text, a.disabled]),
    [
      ['满意', true],
      ['不满意', true],
      ['无法回访', false],
    ],
  );
  assert.deepEqual(
    answers.filter((a) => a.checked && a.text !== '无法回访'),
    [],
    'no 满意 or 不满意 is assumed for an anonymous rater',
  );
  await pick(page, 'remedy-follow-answer', '无法回访');
  await page.getByTestId('remedy-follow-note').fill('匿名评价，未留联系方式，无法电话回访');
  await page.getByTestId('remedy-follow-ok').click();
  await attr(page, `remedy-status-${anonymous.id}`, 'status', 'followed_up').waitFor();
  await page.getByTestId(`remedy-progress-${anonymous.id}`).getByText('回访：匿名评价，未留联系方式，无法电话回访（无法回访）').waitFor();
});

e2e('the department classifies, replies, records the call and closes: each dialog says what it does, and 办结 says 整改已办结', async () => {
  const page = await suite.pageAs('market.officer');
  await page.goto(`${suite.url}/app/remedies`);
  const { id } = await remedyRow(page, cases.online);

  await page.getByTestId(`remedy-classify-${id}`).click();
  assert.equal(await page.getByTestId('remedy-classify-ok').innerText(), '保存分类');
  await pick(page, 'remedy-classification', '立行立改');
  await page.getByTestId('remedy-classify-ok').click();
  await attr(page, `remedy-status-${id}`, 'status', 'classified').waitFor();

  await page.getByTestId(`remedy-reply-${id}`).click();
  assert.equal(await page.getByTestId('remedy-reply-ok').innerText(), '发送答复');
  await page.getByTestId('remedy-reply-text').fill('已对窗口人员进行批评教育，今后一次告知所需材料');
  await page.getByTestId('remedy-reply-ok').click();
  await page.locator('.ant-message').getByText('答复已发送').first().waitFor();
  await attr(page, `remedy-status-${id}`, 'status', 'replied').waitFor();

  await page.getByTestId(`remedy-follow-${id}`).click();
  assert.equal(await page.getByTestId('remedy-follow-ok').innerText(), '保存回访记录');
  assert.equal(await page.getByTestId('remedy-follow-rater').innerText(), `评价人：${companyName}`);
  await page.getByTestId('remedy-follow-note').fill('电话回访，申请人对整改表示满意');
  // no answer is preselected: the caller records what the rater said
  await page.getByTestId('remedy-follow-answer').getByText('满意', { exact: true }).click();
  await page.getByTestId('remedy-follow-ok').click();
  await attr(page, `remedy-status-${id}`, 'status', 'followed_up').waitFor();
  await page.getByTestId(`remedy-progress-${id}`).getByText('回访：电话回访，申请人对整改表示满意（满意）').waitFor();

  await page.getByTestId(`remedy-close-${id}`).click();
  await page.getByTestId('remedy-close-confirm').click();
  await page.locator('.ant-message').getByText('整改已办结').first().waitFor();
  await attr(page, `remedy-status-${id}`, 'status', 'closed').waitFor();

  // a filter that matches nothing says so in the page's words
  await choose(page, 'remedy-filter', '已排除');
  await page.getByTestId('remedies-empty').getByText('暂无差评整改').waitFor();
});

e2e('the supervisor’s statistics by channel name the channels, in the table and the chart', async () => {
  const page = await suite.pageAs('supervisor');
  await page.goto(`${suite.url}/app/supervision?tab=stats`);
  await choose(page, 'stats-by', '按评价渠道');
  await page.getByTestId('stats-label-4').waitFor();
  assert.equal(await page.getByTestId('stats-label-1').innerText(), 'PC端');
  assert.equal(await page.getByTestId('stats-label-4').innerText(), '政务大厅平板电脑');
  const axis = await page.getByTestId('stats-chart').locator('svg text').allTextContents();
  assert.ok(axis.includes('PC端') && axis.includes('政务大厅平板电脑'), `the chart names the channels in full: ${axis.join(' ')}`);
  assert.ok(!axis.includes('1') && !axis.includes('4'), `no channel code on the chart: ${axis.join(' ')}`);
  await shot(page, 'stats-channel');

  await page.getByTestId('lang-en').click();
  await page.getByTestId('stats-label-1').getByText('PC', { exact: true }).waitFor();
  assert.equal(await page.getByTestId('stats-label-4').innerText(), 'Hall tablet');
  await page.getByTestId('lang-zh').click();
  await page.getByTestId('stats-label-1').getByText('PC端').waitFor();
});

e2e('the counter tablet gives the applicant no link into the workbench; the staff control asks first; five levels on one row in portrait', async () => {
  const { page } = await suite.newPage({ viewport: { width: 768, height: 1024 } });
  await suite.signIn(page, 'clerk');
  await page.waitForURL(`${suite.url}/app`);
  await page.goto(`${suite.url}/app/window/rate/${cases.online}`);
  await page.getByTestId('counter-rate').waitFor();
  await page.getByTestId('rate-level-5').waitFor();
  assert.equal(await page.locator('a[href]').count(), 0, 'no link on the page handed to the applicant');
  assert.equal(await page.getByText('返回综合窗口').count(), 0);

  const levels = await Promise.all(['1', '2', '3', '4', '5'].map((l) => page.getByTestId(`rate-level-${l}`).boundingBox()));
  const tops = new Set(levels.map((b) => Math.round(b!.y)));
  assert.equal(tops.size, 1, 'the five levels share one row');
  for (const l of ['1', '2', '3', '4', '5']) {
    const clipped = await page.getByTestId(`rate-level-${l}`).evaluate((el) => el.scrollWidth > el.clientWidth);
    assert.ok(!clipped, `level ${l} shows its whole name`);
  }
  await shot(page, 'counter-768');

  // the applicant who taps the staff control is told it is for staff, and stays
  await page.getByTestId('counter-staff-exit').click();
  await page.getByRole('dialog').getByText('仅限工作人员操作').waitFor();
  await confirmDialog(page, 'counter-staff-exit-cancel');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  assert.equal(new URL(page.url()).pathname, `/app/window/rate/${cases.online}`);

  // the clerk confirms and is back at the window with the case
  await page.getByTestId('counter-staff-exit').click();
  await confirmDialog(page, 'counter-staff-exit-ok');
  await page.waitForURL(`${suite.url}/app/window?case=${cases.online}`);
  await page.getByTestId('case-panel').waitFor();
  await page.getByTestId('window-rate').waitFor();

  // a case already rated at the counter shows that rating instead of offering the tablet again
  await page.goto(`${suite.url}/app/window?case=${cases.counter}`);
  await page.getByTestId('window-rated').getByText('已现场评价：非常不满意', { exact: true }).waitFor();
  assert.equal(await page.getByTestId('window-rate').count(), 0);
});

e2e('a bad month in the public page’s link says so once, beside the month picker; picking a month shows its figures', async () => {
  const { page } = await suite.newPage();
  await page.goto(`${suite.url}/ratings?month=2026-13`);
  await page.getByTestId('public-ratings-bad-month').getByText('链接中的月份无效，请选择月份。').waitFor();
  assert.equal(await page.locator('.ant-alert').count(), 1, 'one message');
  assert.equal(await page.getByText('服务器内部错误').count(), 0);
  assert.equal(await page.getByText('该月暂无评价数据').count(), 0);
  const picker = page.getByPlaceholder('选择月份');
  assert.equal(await picker.inputValue(), '', 'the picker does not pretend a month');
  await shot(page, 'public-bad-month');

  await picker.click();
  await page.locator('.ant-picker-dropdown:visible .ant-picker-cell[title="2026-03"]').click();
  await page.waitForURL(`${suite.url}/ratings?month=2026-03`);
  await page.getByTestId('public-ratings-table').getByText('淮北市市场监督管理局').waitFor();
  assert.equal(await page.getByTestId('public-ratings-bad-month').count(), 0);
});
