// node --import tsx bench/policy-match.ts [--orgs=50000] [--policies=100] [--no-db] [--pg=postgres://postgres@127.0.0.1:5432/postgres]
//
// S9 (performance-notes §4b): the 免申即享 match of 50,000 organisations × 100 policies in ≤ 15 s on this machine.
// Two figures, each beside the 15 s limit as a ratio (≤ 1 meets it):
//   1. in process: the pure match (compilePolicies + matchAll: every condition by GoRules ZEN, results memoised by
//      value), over profiles and policies generated here;
//   2. (unless --no-db) the whole match round of the job (runMatch without the profile refresh) on an embedded
//      database (PGlite), or with --pg on a PostgreSQL server: the 50,000 stored profiles read in one statement, the policies in force, the pairs already
//      matched, the match, and every new benefit written with the values it read (5,000 a statement and transaction).
// The generated population: regions of 淮北 and elsewhere, registered capital 1–20,000 万元, 0–30 years, 20
// industries, tags, a business licence held or not; 100 policies of 3–4 conditions drawn from eight templates with
// their own thresholds. It reports figures; it does not gate.
import { performance } from 'node:perf_hooks';
import { makeUscc } from '../src/platform/identity.ts';
import { compilePolicies, matchAll, policyContent, type DecidablePolicy, type ProfileFacts } from '../src/modules/rules/index.ts';

const arg = (name: string, dflt: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const ORGS = arg('orgs', 50_000);
const POLICIES = arg('policies', 100);
const WITH_DB = !process.argv.includes('--no-db');
const LIMIT_S = 15;
const BL = `${makeUscc('11', '100000', '00000013')}001`;

// A small deterministic generator, so that runs compare.
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

const REGIONS = ['340602', '340603', '340604', '340621', '340102', '320102', '110105'];
const INDUSTRIES = Array.from({ length: 20 }, (_, i) => `C${String(13 + i).padStart(2, '0')}`);
const TAGS = ['小微企业', '高新技术企业', '专精特新'];

function profiles(): (ProfileFacts & { subject: string; name: string; idNumber: string })[] {
  return Array.from({ length: ORGS }, (_, i) => {
    const region = pick(REGIONS);
    const idNumber = makeUscc('91', region, `B${String(i).padStart(7, '0')}`);
    const tags = TAGS.filter(() => rand() < 0.2);
    return {
      subject: `organisation:${idNumber}`,
      name: `企业${i}`,
      idNumber,
      kind: 'organisation' as const,
      tags,
      facts: {
        subjectType: 'organisation',
        regionCode: region,
        registeredCapital: Math.round(1 + rand() * 20_000),
        yearsEstablished: Math.floor(rand() * 30),
        industryCode: rand() < 0.9 ? pick(INDUSTRIES) : null,
        [`license:${BL}:held`]: rand() < 0.95,
      },
    };
  });
}

const input = {
  region: { key: 'region', type: 'string', labelZh: '所在地区', source: { kind: 'profile', attribute: 'regionCode' } },
  capital: { key: 'capital', type: 'number', labelZh: '注册资本（万元）', source: { kind: 'profile', attribute: 'registeredCapital' } },
  years: { key: 'years', type: 'number', labelZh: '成立年限', source: { kind: 'profile', attribute: 'yearsEstablished' } },
  industry: { key: 'industry', type: 'string', labelZh: '行业代码', source: { kind: 'profile', attribute: 'industryCode' } },
  license: { key: 'license', type: 'boolean', labelZh: '持有营业执照', source: { kind: 'license', typeCode: BL, attribute: 'held' } },
  tag: (tag: string) => ({ key: 'tag', type: 'boolean', labelZh: tag, source: { kind: 'tag', tag } }),
  shared: { key: 'shared', type: 'number', labelZh: '新增参保人数', source: { kind: 'exchange', resource: '社保', field: '新增参保人数' } },
} as const;
const cond = (key: string, inputKey: string, test: string) => ({ key, input: inputKey, test, labelZh: key, article: '《淮北市惠企政策》第一条' });

function policies(): (DecidablePolicy & { i: number })[] {
  return Array.from({ length: POLICIES }, (_, i) => {
    const local = pick(['startsWith($, "3406")', '"340603"', '"340621", "340604"']);
    const variants = [
      () => ({
        inputs: [input.region, input.capital, input.license],
        conditions: [cond('local', 'region', local), cond('small', 'capital', `<= ${pick([100, 500, 1000])}`), cond('licensed', 'license', 'true')],
      }),
      () => ({ inputs: [input.region, input.years], conditions: [cond('local', 'region', local), cond('young', 'years', `[0..${pick([1, 2, 3])}]`)] }),
      () => ({
        inputs: [input.region, input.industry, input.capital],
        conditions: [
          cond('local', 'region', local),
          cond('sector', 'industry', `"${pick(INDUSTRIES)}", "${pick(INDUSTRIES)}"`),
          cond('big', 'capital', `>= ${pick([1000, 5000])}`),
        ],
      }),
      () => ({ inputs: [input.region, input.tag(pick(TAGS))], conditions: [cond('local', 'region', local), cond('tagged', 'tag', 'true')] }),
      () => ({
        inputs: [input.region, input.tag('小微企业'), input.shared],
        conditions: [cond('local', 'region', local), cond('tagged', 'tag', 'true'), cond('hired', 'shared', '>= 1')],
      }),
      () => ({
        inputs: [input.region, input.years, input.capital, input.license],
        conditions: [
          cond('local', 'region', local),
          cond('old', 'years', `>= ${pick([10, 20])}`),
          cond('capital', 'capital', `[${pick([100, 500])}..${pick([2000, 8000])}]`),
          cond('licensed', 'license', 'true'),
        ],
      }),
      () => ({ inputs: [input.industry, input.years], conditions: [cond('sector', 'industry', `startsWith($, "C1")`), cond('young', 'years', '< 5')] }),
      () => ({
        inputs: [input.region, input.capital, input.tag('高新技术企业')],
        conditions: [cond('local', 'region', local), cond('capital', 'capital', `> ${pick([10, 50])}`), cond('tagged', 'tag', 'true')],
      }),
    ];
    const c = pick(variants)();
    return { i, target: 'organisation', validFrom: '2025-01-01', validTo: null, content: policyContent.parse({ ...c, goldenCases: [] }) };
  });
}

function ratio(seconds: number): string {
  return `${seconds.toFixed(2)} s   limit ${LIMIT_S} s   ratio ${(seconds / LIMIT_S).toFixed(2)} (≤ 1 meets S9)`;
}

const people = profiles();
const terms = policies();

// 1. In process.
{
  const start = performance.now();
  const matches = matchAll(compilePolicies(terms), people);
  const s = (performance.now() - start) / 1000;
  const eligible = matches.filter((m) => m.verdict === 'eligible').length;
  console.log(
    `S9 in process: ${ORGS} orgs × ${POLICIES} policies = ${(ORGS * POLICIES).toLocaleString()} pairs, ${eligible} eligible, ${matches.length - eligible} unknown`,
  );
  console.log(`  match                      ${ratio(s)}`);
}

// 2. The job's round on an embedded database.
if (WITH_DB) {
  const { openDatabase, migrate } = await import('../src/platform/db/db.ts');
  const { seedReference } = await import('../src/bootstrap/reference.ts');
  const { systemContext } = await import('../src/platform/context.ts');
  const { createDepartment } = await import('../src/modules/regions/index.ts');
  const { createLicenseType } = await import('../src/modules/licenses/index.ts');
  const { createPolicy, publishPolicy, runMatch, storeProfiles } = await import('../src/modules/rules/index.ts');
  // --pg=URL: a PostgreSQL server (production), in a database made and dropped here; otherwise embedded PGlite.
  const pgUrl = process.argv.find((a) => a.startsWith('--pg='))?.slice(5);
  const benchDb = 'tongban_bench_s9';
  let databaseUrl: string | undefined;
  if (pgUrl) {
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${benchDb}`);
    await admin.query(`CREATE DATABASE ${benchDb}`);
    await admin.end();
    const u = new URL(pgUrl);
    u.pathname = `/${benchDb}`;
    databaseUrl = u.toString();
  }
  const database = await openDatabase({ databaseUrl });
  await migrate(database);
  const db = database.db;
  await seedReference(db);
  const ctx = systemContext('bench');
  const dept = await db.transaction((tx) =>
    createDepartment(tx, ctx, { name: '淮北市数据资源管理局', uscc: makeUscc('11', '340600', '00300001'), regionCode: '340600' }),
  );
  await db.transaction((tx) =>
    createLicenseType(tx, ctx, {
      code: BL,
      name: '营业执照',
      definingBodyName: '国家市场监督管理总局',
      holderKind: 'organisation',
      validityYears: null,
      validityBasis: '—',
      fields: [],
    }),
  );
  for (const p of terms) {
    const content = { ...p.content, goldenCases: [{ name: 'g', inputs: {}, expected: 'undecidable' as const }] };
    const created = await db.transaction((tx) =>
      createPolicy(tx, ctx, {
        code: `S9-${p.i}`,
        title: `政策${p.i}`,
        issuer: '淮北市人民政府',
        documentNumber: `淮政〔2026〕${p.i}号`,
        target: 'organisation',
        automatic: true,
        confirmBy: 'department',
        benefitZh: '补贴',
        amountYuan: 1000,
        amountRuleZh: '',
        validFrom: '2025-01-01',
        validTo: null,
        regionCode: '340600',
        departmentId: dept.id,
        content,
      }),
    );
    await publishPolicy(db, ctx, created.id, { version: created.version });
  }
  await storeProfiles(db, people);
  const start = performance.now();
  const run = await runMatch(db, ctx, { refresh: false, day: '2026-06-01' });
  const s = (performance.now() - start) / 1000;
  console.log(
    `S9 job round (${pgUrl ? 'PostgreSQL server' : 'PGlite'}): ${run.profiles} profiles × ${run.policies} policies, ${run.matched} benefits and ${run.offered} offers written`,
  );
  console.log(`  read, match, write         ${ratio(s)}`);
  const again = performance.now();
  const second = await runMatch(db, ctx, { refresh: false, day: '2026-06-01' });
  console.log(`  second round (nothing new: ${second.matched + second.offered})  ${ratio((performance.now() - again) / 1000)}`);
  await database.close();
  if (pgUrl) {
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${benchDb}`);
    await admin.end();
  }
}
