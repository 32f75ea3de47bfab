import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { testBackend, testDatabase } from '../../../tests/support/db.ts';
import { rawQuery, rootDatabase } from './db.ts';

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

test('a transaction, and a savepoint within it, know the database they belong to', async () => {
  const database = await testDatabase();
  try {
    const { db } = database;
    assert.equal(rootDatabase(db), db);
    const seen = await db.transaction(async (tx) => {
      const inner = await tx.transaction(async (sp) => rootDatabase(sp));
      return { outer: rootDatabase(tx), inner, isTx: tx !== db };
    });
    assert.deepEqual(seen, { outer: db, inner: db, isTx: true });
    // The link never lets a statement escape: the transaction still rolls back what it wrote.
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.execute(sql`CREATE TEMP TABLE root_probe (n int)`);
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    await assert.rejects(db.execute(sql`SELECT * FROM root_probe`));
  } finally {
    await database.close();
  }
});
