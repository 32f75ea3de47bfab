// TEMPORARY: while tests/support/server.ts does not exist yet, resolve it to ./temp-test-server.ts.
// Use: npx tsx --import ./tests/e2e/support-fallback.mjs --test tests/e2e/login.e2e.test.ts
// Delete this file and temp-test-server.ts once the backend's helper lands.
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) register(import.meta.url);

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (err) {
    if (err?.code === 'ERR_MODULE_NOT_FOUND' && specifier.endsWith('/support/server.ts')) {
      return next('./temp-test-server.ts', { ...context, parentURL: import.meta.url });
    }
    throw err;
  }
}
