// Rule of law (法治) in a real Chromium: the legal officer drafts a normative document and opens it to comment; a
// citizen comments on one article without signing in; the officer approves the comment, closes the period once it has
// run (the server's day moved on), the review passes, it is deliberated, numbered and published, and anyone finds it
// in the public library. A major decision is refused until its five statutory steps are recorded. A 三重一大 record
// is refused without its quorum and kept with it; the 普法责任清单 is public.
// Run: node scripts/test.mjs --e2e tests/e2e/legal.e2e.test.ts
import assert from 'node:assert/strict';
import { pinToday } from '../../src/platform/clock.ts';
import { browserSuite, choose, confirmDialog, E2E_TODAY, shot } from './browser.ts';

const suite = browserSuite();
const { e2e } = suite;
const TITLE = '淮北市养犬管理若干规定';

e2e(
  'a normative document from drafting to the public library, with a citizen’s comment on an article',
  async () => {
    try {
      const page = await suite.pageAs('legalofficer');
      await page.getByTestId('menu-legal').click();
      await page.getByTestId('legal-page').waitFor();
      await page.getByTestId('legal-new').click();
      await page.getByTestId('legal-title').fill(TITLE);
      await choose(page, 'legal-department', '淮北市司法局');
      await page.getByTestId('legal-prefix').fill('淮犬规');
      await page.getByTestId('legal-articles').fill('为规范养犬行为，制定本规定。\n本市城市建成区内实行养犬登记制度。\n本规定自公布之日起施行。');
      await confirmDialog(page, 'legal-create');
      await page.getByTestId('legal-detail').filter({ hasText: TITLE }).waitFor();

      await page.getByTestId('legal-open-comment').click();
      await page.getByTestId('legal-status').filter({ hasText: '征求意见中' }).waitFor();

      // A citizen, not signed in, comments on article 2.
      const { page: citizen } = await suite.newPage({ viewport: { width: 390, height: 844 } });
      await citizen.goto(`${suite.url}/laws`);
      await citizen.getByTestId('laws-consultations').getByText(TITLE).click();
      await citizen.getByTestId('article-2').waitFor();
      await citizen.getByTestId('comment-on-2').click();
      await citizen.getByTestId('comment-body').fill('建议明确城市建成区的范围。');
      await citizen.getByTestId('comment-submit').click();
      await citizen.getByText('意见已提交，经审核后公开').waitFor();
      const wide = await citizen.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 390, `the comment page fits 390 px (scrollWidth ${wide})`);
      await shot(citizen, 'legal-comment');

      // The officer sees the held comment and approves it with an answer; it then shows on the public page.
      await page.reload();
      await page.getByText(TITLE).first().click();
      const approve = page.locator('[data-testid^="legal-approve-"]').first();
      await approve.waitFor();
      await page.locator('[data-testid^="legal-answer-"]').first().fill('已采纳，将在第二条中列明范围。');
      await approve.click();
      await page.getByTestId('legal-comments').getByText('已公开').waitFor();
      await citizen.reload();
      await citizen.getByTestId('article-2').getByText('建议明确城市建成区的范围').waitFor();

      // Closing before the period has run is refused; once it has run (7 working days on), the review clock starts.
      await page.getByTestId('legal-adoption').fill('收到意见1条，采纳1条。');
      await page.getByTestId('legal-close-comment').click();
      await page.getByTestId('legal-error').filter({ hasText: '征求意见期尚未届满' }).waitFor();
      pinToday('2026-03-26');
      await page.getByTestId('legal-close-comment').click();
      await page.getByTestId('legal-status').filter({ hasText: '合法性审核中' }).waitFor();
      await page.getByTestId('legal-reasons').fill('制定主体、权限、程序、内容合法。');
      await page.getByTestId('legal-review').click();
      await page.getByTestId('legal-status').filter({ hasText: '审核通过' }).waitFor();
      await page.getByTestId('legal-meeting').fill('市政府第15次常务会议');
      await page.getByTestId('legal-meeting-on').fill('2026-03-26');
      await page.getByTestId('legal-minutes').fill('会议审议通过。');
      await page.getByTestId('legal-deliberate').click();
      await page.getByTestId('legal-register').click();
      await page.getByTestId('legal-number').filter({ hasText: '淮犬规〔2026〕1号' }).waitFor();
      await page.getByTestId('legal-publish').click();
      await page.getByTestId('legal-status').filter({ hasText: '现行有效' }).waitFor();
      await shot(page, 'legal-published');

      // Anyone finds it in the library, in force, by a search in Chinese.
      await citizen.goto(`${suite.url}/laws`);
      await citizen.getByTestId('laws-search').locator('input').fill('养犬登记');
      await citizen.getByTestId('laws-search').locator('input').press('Enter');
      const row = citizen.getByTestId('laws-library').locator('.ant-list-item').filter({ hasText: TITLE });
      await row.filter({ hasText: '现行有效' }).waitFor();
      // The list re-renders as the search answers: click the link once it is the search's, and wait for the page.
      await row.getByRole('link', { name: TITLE }).click();
      await citizen.waitForURL(/\/laws\/\d+$/);
      await citizen.getByTestId('law-status').filter({ hasText: '现行有效' }).waitFor();
      await citizen.getByText('淮犬规〔2026〕1号').waitFor();
    } finally {
      pinToday(E2E_TODAY);
    }
  },
  { timeout: 120_000 },
);

e2e(
  'a major decision cannot be decided until its five steps are recorded',
  async () => {
    const page = await suite.pageAs('legalofficer');
    await page.getByTestId('menu-legal').click();
    await page.getByRole('tab', { name: '重大行政决策' }).click();
    await page.getByTestId('decision-new').click();
    await page.getByTestId('decision-title').fill('淮北市中心城区停车收费标准调整');
    await choose(page, 'decision-department', '淮北市司法局');
    await confirmDialog(page, 'decision-create');
    await page.getByTestId('decision-detail').filter({ hasText: '停车收费' }).waitFor();

    await page.getByTestId('decision-text').fill('同意调整。');
    await page.getByTestId('decision-decide').click();
    await page.getByTestId('decision-error').filter({ hasText: '缺少的程序' }).waitFor();

    const record = async (kind: string, fill: () => Promise<void>) => {
      await choose(page, 'decision-step-kind', kind);
      await fill();
      await page.getByTestId('decision-record-step').click();
      await page.getByTestId('decision-detail').locator('.ant-timeline').getByText(kind).waitFor();
    };
    await record('公众参与', async () => {
      await page.getByTestId('step-opens-on').fill('2026-01-05');
      await page.getByTestId('step-closes-on').fill('2026-02-10');
      await page.getByTestId('step-summary').fill('公开征求意见36日，收到意见18条。');
    });
    await record('专家论证', async () => {
      await page.getByTestId('step-experts').fill('王教授、李研究员');
      await page.getByTestId('step-opinion').fill('方案可行。');
    });
    await record('风险评估', () => page.getByTestId('step-report').fill('社会稳定风险低。'));
    await record('合法性审查', async () => {
      await page.getByTestId('step-started-on').fill('2026-02-24');
      await page.getByTestId('step-finished-on').fill('2026-03-10');
      await page.getByTestId('step-opinion').fill('合法。');
    });
    await page.getByTestId('decision-missing').filter({ hasText: '集体讨论决定' }).waitFor();
    await record('集体讨论决定', async () => {
      await page.getByTestId('step-meeting').fill('市政府常务会议');
      await page.getByTestId('step-meeting-on').fill('2026-03-13');
      await page.getByTestId('step-minutes').fill('会议纪要');
      await page.getByTestId('step-head').fill('同意');
    });
    await page.getByText('五项法定程序已齐备').waitFor();
    await page.getByTestId('decision-text').fill('同意调整。');
    await page.getByTestId('decision-decide').click();
    await page.getByTestId('decision-status').filter({ hasText: '已作出决策' }).waitFor();
  },
  { timeout: 120_000 },
);

e2e(
  'a lapsed document shows so in the library; a clean-up campaign repeals one and publishes the list',
  async () => {
    const { page: citizen } = await suite.newPage();
    await citizen.goto(`${suite.url}/laws`);
    await citizen.getByText('已失效', { exact: true }).first().click();
    await citizen
      .getByTestId('laws-library')
      .locator('.ant-list-item')
      .filter({ hasText: '淮北市城市道路临时占用管理暂行规定' })
      .filter({ hasText: '已失效' })
      .waitFor();

    const page = await suite.pageAs('legalofficer');
    await page.getByTestId('menu-legal').click();
    await page.getByRole('tab', { name: '文件清理' }).click();
    await page.getByTestId('cleanup-title').fill('专项清理（浏览器测试）');
    await choose(page, 'cleanup-department', '淮北市司法局');
    await page.getByTestId('cleanup-new').click();
    await page.getByTestId('cleanup-detail').filter({ hasText: '专项清理（浏览器测试）' }).waitFor();
    // Approving before every document has its proposal is refused.
    await page.getByTestId('cleanup-approve').click();
    await page.getByTestId('cleanup-error').filter({ hasText: '处理建议' }).waitFor();

    const rows = page.getByTestId('cleanup-detail').locator('tbody tr.ant-table-row');
    const n = await rows.count();
    assert.ok(n >= 1);
    for (let i = 0; i < n; i++) {
      const row = rows.nth(i);
      const testId = (await row.locator('[data-testid^="cleanup-proposal-"]').getAttribute('data-testid'))!;
      const id = testId.replace('cleanup-proposal-', '');
      const repeal = (await row.innerText()).includes(TITLE);
      await choose(page, testId, repeal ? '废止' : '保留');
      await page.getByTestId(`cleanup-reason-${id}`).fill(repeal ? '已由新规定替代。' : '继续有效。');
      await page.getByTestId(`cleanup-save-${id}`).click();
      await row.filter({ hasText: repeal ? '废止' : '保留' }).waitFor();
    }
    await page.getByTestId('cleanup-approve').click();
    await page.getByTestId('cleanup-detail').getByText('已审定公布').waitFor();

    await citizen.goto(`${suite.url}/laws`);
    await citizen.getByTestId('laws-cleanups').getByText('专项清理（浏览器测试）', { exact: false }).waitFor();
    await citizen.getByText('已废止', { exact: true }).first().click();
    await citizen.getByTestId('laws-library').locator('.ant-list-item').filter({ hasText: TITLE }).filter({ hasText: '已废止' }).waitFor();
  },
  { timeout: 120_000 },
);

e2e(
  'a 三重一大 decision is registered with its meeting, and the 普法责任清单 is public at 390 px',
  async () => {
    const page = await suite.pageAs('legalofficer');
    await page.getByTestId('menu-legal').click();
    await page.getByRole('tab', { name: '“三重一大”' }).click();
    await page.getByTestId('meeting-new').click();
    await choose(page, 'meeting-department', '淮北市司法局');
    await choose(page, 'meeting-category', '重要干部任免');
    await page.getByTestId('meeting-subject').fill('公共法律服务科科长任职');
    await page.getByTestId('meeting-name').fill('局党组会议2026年第2次');
    await page.getByTestId('meeting-on').fill('2026-03-13');
    await page.getByTestId('meeting-members').fill('9');
    await page.getByTestId('meeting-attendees').fill('5');
    await page.getByTestId('meeting-minutes').fill('会议听取考察情况汇报并表决。');
    await page.getByTestId('meeting-decision').fill('同意任命。');
    // Appointments need two thirds of the members present: 5 of 9 is refused.
    await page.getByTestId('meeting-create').click();
    await page.getByTestId('meeting-error').filter({ hasText: '三分之二' }).waitFor();
    await page.getByTestId('meeting-attendees').fill('6');
    await page.getByTestId('meeting-create').click();
    await page.getByTestId('meeting-detail').filter({ hasText: '公共法律服务科科长任职' }).filter({ hasText: '应到9人，实到6人' }).waitFor();

    const { page: citizen } = await suite.newPage({ viewport: { width: 390, height: 844 } });
    await citizen.goto(`${suite.url}/laws`);
    await citizen.getByTestId('laws-duties').getByText('淮北市司法局').waitFor();
    const wide = await citizen.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `the library fits 390 px (scrollWidth ${wide})`);
  },
  { timeout: 90_000 },
);
