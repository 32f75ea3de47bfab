import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackend, testDatabase } from '../../../tests/support/db.ts';
import { rawQuery } from './db.ts';

test(
  'the server connections run without JIT (a batch statement would compile its plan on every execution)',
  { skip: testBackend !== 'pg' && 'PGlite has no JIT' },
  async () => {
    const database = await testDatabase();
    try {
      // Several calls at once, so that more than one connection of the pool answers.
      const settings = await Promise.all(
        Array.from({ length: 4 }, () => rawQuery<{ jit: string }>(database.db, 'test.jit', `SELECT current_setting('jit') AS jit`, [])),
      );
      assert.deepEqual(new Set(settings.map(([row]) => row.jit)), new Set(['off']));
    } finally {
      await database.close();
    }
  },
);
