// 授权委托 in a real Chromium: an agent with no mandate cannot choose anyone to apply for; the person grants it a
// mandate on the 授权管理 page; the agent then applies choosing the person (never typing a name or ID number), and the
// person finds the case, in its own name, among its cases; the person revokes the mandate.
// Run: npm run build && node scripts/test.mjs --e2e tests/e2e/mandates.e2e.test.ts
import assert from 'node:assert/strict';
import { apiAs, browserSuite, choose, DEMO_PASSWORD } from './browser.ts';

/** 公共场所卫生许可 of the city's 卫生健康委员会: any published item will do, the draft needs no form data. */
const ITEM = '340600-XK-0003';
/** An agent of its own: the demo agent may hold the demo's mandates already. */
const AGENT = 'agent.e2e';

const suite = browserSuite({
  setup: async (url) => {
    const admin = await apiAs(url, 'admin');
    await admin('POST', '/api/users', {
      username: AGENT,
      displayName: '代办 郑代理',
      password: DEMO_PASSWORD,
      roles: [{ role: 'agent', regionCode: null, departmentId: null }],
    });
  },
});
const { e2e } = suite;

let caseNumber = '';

e2e('without a mandate the agent has nobody to apply for', async () => {
  const page = await suite.pageAs(AGENT);
  await page.goto(`${suite.url}/app/apply/${ITEM}`);
  await page.getByTestId('apply-no-mandate').waitFor();
  assert.equal(await page.getByTestId('applicant-name').count(), 0, 'no name or ID number to type');
});

e2e('the person grants the agent a mandate on the 授权管理 page', async () => {
  const page = await suite.pageAs('person');
  await page.getByTestId('menu-mandates').click();
  await page.getByTestId('mandate-grant').waitFor();
  await page.getByTestId('mandate-agent').fill(AGENT);
  await page.getByTestId('mandate-grant-submit').click();
  const row = page.getByTestId('mandates-granted').locator('tr').filter({ hasText: AGENT });
  await row.waitFor();
  await row.locator('[data-status="active"]').waitFor();
});

e2e('the agent applies choosing the person; the case is in the person’s name and list', async () => {
  const page = await suite.pageAs(AGENT);
  await page.getByTestId('menu-mandates').click();
  await page.getByTestId('mandates-received').getByText('周小明').waitFor();
  await page.goto(`${suite.url}/app/apply/${ITEM}`);
  await choose(page, 'apply-principal-select', '周小明');
  await page.getByTestId('apply-save').click();
  await page.getByTestId('apply-draft-number').waitFor();
  await page.getByTestId('apply-principal-fixed').getByText('周小明').waitFor();
  caseNumber = new URL(page.url()).searchParams.get('case') ?? '';
  assert.match(caseNumber, /^\d{20}$/);

  const person = await suite.pageAs('person');
  await person.goto(`${suite.url}/app/cases`);
  await person.getByTestId(`case-link-${caseNumber}`).waitFor();
  const detail = await (await apiAs(suite.url, 'person'))<{ applicant: { name: string }; channel: string }>('GET', `/api/cases/${caseNumber}`);
  assert.equal(detail.applicant.name, '周小明');
  assert.equal(detail.channel, 'agent');
});

e2e('the person revokes the mandate and the agent can no longer choose them', async () => {
  const page = await suite.pageAs('person');
  await page.goto(`${suite.url}/app/mandates`);
  const row = page.getByTestId('mandates-granted').locator('tr').filter({ hasText: AGENT });
  await row.getByRole('button', { name: '撤销授权' }).click();
  await page.locator('.ant-popover:visible').getByRole('button', { name: '撤销授权' }).click();
  await row.locator('[data-status="revoked"]').waitFor();

  const agent = await suite.pageAs(AGENT);
  await agent.goto(`${suite.url}/app/mandates`);
  await agent.getByTestId('mandates-received').locator('[data-status="revoked"]').waitFor();
  await agent.goto(`${suite.url}/app/apply/${ITEM}`);
  await agent.getByTestId('apply-no-mandate').waitFor();
});
