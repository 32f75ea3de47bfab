import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/platform/db/db.ts';
import { ensurePgTemplate, ensurePgliteTemplate, TEST_MASTER_KEY, withDatabase, type TemplateKind } from './template.ts';
import { configureAuditKeys } from '../../src/platform/audit/audit-keys.ts';

/** The backend the tests run on: PGlite unless TEST_DATABASE_URL names a PostgreSQL server. */
export const testBackend: 'pglite' | 'pg' = process.env.TEST_DATABASE_URL ? 'pg' : 'pglite';

/**
 * A fresh, migrated database with reference data, for one test file (or one test). PGlite starts from the
 * dumped template (well under a second); PostgreSQL copies the template database.
 */
export async function testDatabase(kind: TemplateKind = 'reference'): Promise<Database> {
  // What the test writes carries the MAC of the tests' master key, as the server's entries do.
  configureAuditKeys(Buffer.from(TEST_MASTER_KEY, 'hex'));
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const file = await ensurePgliteTemplate(kind);
    return openDatabase({ loadDataDir: new Blob([fs.readFileSync(file)]) });
  }
  const template = await ensurePgTemplate(serverUrl, kind);
  const name = `tongban_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: withDatabase(serverUrl, name), poolSize: 5 });
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
