import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../tests/support/app.ts';
import { loadConfig } from '../platform/config.ts';

// /metrics tells the platform's load and error rates: a deployment chooses who reads it (issue 18).
test('/metrics with a token set answers 401 without it and the metrics with it', async () => {
  const t = await testApp({ demo: false, config: { metrics: 'token', metricsToken: 'prom-secret-1' } });
  try {
    assert.equal((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 401);
    assert.equal((await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode, 401);
    const ok = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer prom-secret-1' } });
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /tongban_process_cpu_user_seconds_total/);
  } finally {
    await t.close();
  }
});

test('/metrics can be turned off', async () => {
  const t = await testApp({ demo: false, config: { metrics: 'off' } });
  try {
    assert.equal((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 404);
  } finally {
    await t.close();
  }
});

test('in production /metrics is off unless a token or TONGBAN_METRICS says otherwise', () => {
  const master = { TONGBAN_MASTER_KEY: '00112233445566778899aabbccddeeff' };
  assert.equal(loadConfig({ NODE_ENV: 'production', ...master }).metrics, 'off');
  assert.equal(loadConfig({ NODE_ENV: 'production', TONGBAN_METRICS_TOKEN: 'x', ...master }).metrics, 'token');
  assert.equal(loadConfig({ NODE_ENV: 'production', TONGBAN_METRICS: 'public', ...master }).metrics, 'public');
  assert.equal(loadConfig({}).metrics, 'public');
  assert.throws(() => loadConfig({ TONGBAN_METRICS: 'token' }), /TONGBAN_METRICS_TOKEN/);
});
