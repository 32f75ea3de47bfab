// 数据共享交换 in a real Chromium: the data officer imports a catalogue from an Excel file and publishes it; the police
// upload a CSV into its collected table on the collection tab; the market department requests the police's conditional
// resource; the police grant it with two fields masked; the market department's machine token calls it and gets only
// the granted fields, masked; the call shows in both sides' logs; the data officer verifies the log.
// Run: node scripts/test.mjs --e2e tests/e2e/exchange.e2e.test.ts
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { browserSuite, choose, confirmDialog, shot } from './browser.ts';
import { makeUscc, idNumberCheckChar } from '../../src/platform/identity.ts';
import { queryRows } from '../../src/platform/db/db.ts';

const suite = browserSuite();
const { e2e } = suite;

const HEADERS = [
  '分类码',
  '顺序码',
  '资源名称',
  '提供部门统一社会信用代码',
  '摘要',
  '格式',
  '信息项',
  '主键',
  '共享类型',
  '共享条件',
  '共享依据',
  '共享方式',
  '开放属性',
  '更新周期',
  '发布日期',
];

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('信息资源目录');
  ws.addRow(HEADERS);
  ws.addRow([
    '101009',
    '7',
    '居住证信息',
    makeUscc('11', '340600', '00300004'),
    '居住证持有人的身份、居住地址和联系电话',
    '数据库',
    'id_number:公民身份号码:string*\nname:姓名:string*\nphone:联系电话:string\naddress:居住地址:string',
    'id_number',
    '有条件共享',
    '',
    '《居住证暂行条例》；国发〔2016〕51号',
    '接口',
    '不开放',
    '每日',
    '',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const CODE = '101009-000007';
const first17 = '34060319850512301';
const PERSON = first17 + idNumberCheckChar(first17);

e2e(
  'catalogue from Excel, a conditional request granted with two fields masked, a machine call answered masked, logged on both sides, verified',
  async () => {
    // The data officer imports the workbook and publishes the resource.
    const officer = await suite.pageAs('dataofficer');
    await officer.getByTestId('menu-exchange').click();
    const chooser = officer.waitForEvent('filechooser');
    await officer.getByTestId('exchange-import').click();
    await (
      await chooser
    ).setFiles({ name: '目录.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await workbook() });
    await officer.getByTestId(`exchange-submit-${CODE}`).click();
    await officer.getByTestId(`exchange-publish-${CODE}`).click();
    await officer.getByTestId(`exchange-retire-${CODE}`).waitFor();
    await shot(officer, 'exchange-catalogue');

    // The police upload a CSV into the collected table on the collection tab; the load reconciles to 0.
    const police = await suite.pageAs('police.reviewer');
    await police.getByTestId('menu-exchange').click();
    await police.getByRole('tab', { name: '数据归集' }).click();
    await choose(police, 'exchange-load-resource', CODE);
    await police.getByTestId('exchange-load-declared').fill('1');
    const csvChooser = police.waitForEvent('filechooser');
    await police.getByTestId('exchange-load-upload').click();
    await (
      await csvChooser
    ).setFiles({
      name: '居住证.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`id_number,name,phone,address\n${PERSON},孙丽,13905613456,淮北市相山区长山路8号\n`),
    });
    const loaded = police.locator('tr').filter({ hasText: '已导入' });
    await loaded.waitFor();
    assert.deepEqual(
      (await loaded.locator('td').allInnerTexts()).slice(-5),
      ['1', '0', '0', '1', '0'],
      'inserted, updated, rejected, declared, reconciliation',
    );
    await shot(police, 'exchange-loaded');

    // The market department requests it.
    const market = await suite.pageAs('reviewer');
    await market.getByTestId('menu-exchange').click();
    await market.getByTestId(`exchange-request-${CODE}`).click();
    await market.getByTestId('exchange-request-purpose').fill('个体工商户登记核验经营者身份');
    await market.getByTestId('exchange-request-basis').fill('《市场主体登记管理条例》第十六条');
    await confirmDialog(market, 'exchange-request-ok');

    // The police grant it with the ID number and the phone masked, the address not granted.
    await police.getByRole('tab', { name: '共享申请' }).click();
    const [g] = await queryRows<{ id: number }>(
      suite.db,
      sql`SELECT g.id::int AS id FROM exchange_grant g JOIN exchange_resource r ON r.id = g.resource_id WHERE r.code = ${CODE}`,
    );
    await police.getByTestId(`exchange-grant-${g.id}`).click();
    await police.getByRole('dialog').getByRole('checkbox', { name: 'address' }).uncheck();
    await choose(police, 'exchange-mask-id_number', '身份证号脱敏');
    await choose(police, 'exchange-mask-phone', '手机号脱敏');
    await confirmDialog(police, 'exchange-grant-ok');
    const row = police.locator('tr').filter({ hasText: '居住证信息' });
    await row.locator('.ant-tag').filter({ hasText: 'phone · 手机号脱敏' }).waitFor();
    await row.locator('.ant-tag').filter({ hasText: 'id_number · 身份证号脱敏' }).waitFor();
    assert.equal(await row.locator('.ant-tag').filter({ hasText: 'address' }).count(), 0, 'the address is not granted');
    await shot(police, 'exchange-granted');

    // The market department makes a machine token; its system calls the resource.
    await market.getByRole('tab', { name: '共享申请' }).click();
    await choose(market, 'exchange-grant-side', '作为使用方');
    await market.getByTestId(`exchange-token-${g.id}`).click();
    const token = (await market.getByTestId('exchange-token').innerText()).trim();
    assert.match(token, /^xt_/);
    const reply = await fetch(`${suite.url}/api/exchange/${CODE}?key=${PERSON}`, { headers: { 'x-exchange-token': token } });
    assert.equal(reply.status, 200);
    assert.deepEqual(await reply.json(), { resource: CODE, items: [{ id_number: `340603********${PERSON.slice(-4)}`, name: '孙丽', phone: '139****3456' }] });

    // Both sides see the call.
    await market.reload();
    await market.getByRole('tab', { name: '调用日志' }).click();
    await choose(market, 'exchange-call-side', '作为使用方');
    await market.locator('tr').filter({ hasText: CODE }).filter({ hasText: '200 OK' }).first().waitFor();
    await police.reload();
    await police.getByRole('tab', { name: '调用日志' }).click();
    await police.locator('tr').filter({ hasText: CODE }).filter({ hasText: '200 OK' }).first().waitFor();

    // The data officer verifies the log.
    await officer.getByRole('tab', { name: '调用日志' }).click();
    await officer.getByTestId('exchange-verify').click();
    await officer.getByTestId('exchange-verdict').filter({ hasText: '调用日志完整' }).waitFor();
    await shot(officer, 'exchange-verified');

    // 前置机: the data office registers the police's endpoint (a local HTTP server here) on the endpoints page and mounts
    // the resource to it on the catalogue; the same call is then forwarded there and answered as granted.
    const provider = http.createServer((req, res) => {
      const sfzh = new URL(req.url ?? '/', 'http://x').searchParams.get('sfzh');
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id_number: sfzh, name: '孙丽', phone: '13905613457', address: '前置机' }));
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    try {
      await officer.getByTestId('menu-exchange-endpoints').click();
      await officer.getByTestId('endpoint-new').click();
      await choose(officer, 'endpoint-department', '淮北市公安局');
      await officer.getByTestId('endpoint-name').fill('人口信息前置机');
      await officer.getByTestId('endpoint-url').fill(`http://127.0.0.1:${(provider.address() as AddressInfo).port}/rk`);
      await officer.getByTestId('endpoint-key').fill('sfzh');
      await confirmDialog(officer, 'endpoint-ok');
      await officer.locator('tr').filter({ hasText: '人口信息前置机' }).filter({ hasText: '启用' }).waitFor();
      await officer.getByTestId('menu-exchange').click();
      await officer.getByTestId(`exchange-mount-do-${CODE}`).click();
      await choose(officer, 'mount-choice', '人口信息前置机');
      await confirmDialog(officer, 'mount-ok');
      await officer.getByTestId(`exchange-mount-${CODE}`).filter({ hasText: '接口：人口信息前置机' }).waitFor();
      await shot(officer, 'exchange-mounted');
      const forwarded = await fetch(`${suite.url}/api/exchange/${CODE}?key=${PERSON}`, { headers: { 'x-exchange-token': token } });
      assert.equal(forwarded.status, 200);
      assert.deepEqual(await forwarded.json(), {
        resource: CODE,
        items: [{ id_number: `340603********${PERSON.slice(-4)}`, name: '孙丽', phone: '139****3457' }],
      });
      // On a phone the endpoints page fits the width.
      const { page: phone } = await suite.newPage({ viewport: { width: 390, height: 844 } });
      await suite.signIn(phone, 'dataofficer');
      await phone.waitForURL(`${suite.url}/app`);
      await phone.goto(`${suite.url}/app/exchange/endpoints`);
      await phone.getByText('人口信息前置机').first().waitFor();
      assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the endpoints page fits 390px');
      await shot(phone, 'exchange-endpoints-390');
    } finally {
      provider.closeAllConnections();
      provider.close();
    }
  },
  { timeout: 180_000 },
);
