// The web's message dictionary and feature registry (ADR 0023). Typecheck already refuses a message without zh or
// en and a key that two features define; this test also catches what types cannot: an empty text, a placeholder
// that one language has and the other lacks, and a feature folder that registry.ts does not list.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

type Dictionary = Record<string, { zh: string; en: string }>;

const FEATURES_DIR = path.join(import.meta.dirname, '../../web/src/features');

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** What is wrong with these features' messages, one line per problem. */
function messageProblems(byFeature: Record<string, Dictionary>): string[] {
  const problems: string[] = [];
  const owner = new Map<string, string>();
  for (const [feature, messages] of Object.entries(byFeature)) {
    for (const [key, message] of Object.entries(messages)) {
      const first = owner.get(key);
      if (first) problems.push(`${key}: defined by both ${first} and ${feature}`);
      else owner.set(key, feature);
      for (const lang of ['zh', 'en'] as const) {
        if (typeof message[lang] !== 'string' || message[lang].trim() === '') problems.push(`${key}: no ${lang} text`);
      }
      if (placeholders(message.zh ?? '').join() !== placeholders(message.en ?? '').join()) {
        problems.push(`${key}: the placeholders differ between zh and en`);
      }
    }
  }
  return problems;
}

async function loadMessages(): Promise<Record<string, Dictionary>> {
  const byFeature: Record<string, Dictionary> = {};
  for (const name of fs.readdirSync(FEATURES_DIR)) {
    const file = path.join(FEATURES_DIR, name, 'messages.ts');
    if (!fs.existsSync(file)) continue;
    // a computed URL: the web's files are not part of the server's TypeScript program
    const loaded = (await import(pathToFileURL(file).href)) as { messages: Dictionary };
    byFeature[name] = loaded.messages;
  }
  return byFeature;
}

describe('the web messages', () => {
  it('give every key once, in Chinese and English, with the same placeholders', async () => {
    const byFeature = await loadMessages();
    assert.ok(Object.keys(byFeature).length >= 10, 'the features keep their messages beside them');
    assert.deepEqual(messageProblems(byFeature), []);
  });

  it('report a duplicate key, a missing language and a placeholder only one language has', () => {
    const problems = messageProblems({
      a: { 'x.same': { zh: '甲', en: 'A' }, 'x.count': { zh: '共 {n} 条', en: '{total} in all' } },
      b: { 'x.same': { zh: '乙', en: 'B' }, 'x.empty': { zh: '丙', en: ' ' } },
    });
    assert.deepEqual(problems, ['x.count: the placeholders differ between zh and en', 'x.same: defined by both a and b', 'x.empty: no en text']);
  });
});

describe('the web feature registry', () => {
  it('lists every feature folder, one line each, and every line names a declaration that exists', () => {
    const registry = fs.readFileSync(path.join(FEATURES_DIR, 'registry.ts'), 'utf8');
    const lines = [...registry.matchAll(/^export \{ feature as (\w+) \} from '\.\/([\w-]+)\/([\w-]+\.feature\.tsx?)';$/gm)];
    const registered = lines.map((m) => m[2]).sort();
    for (const [, alias, folder, file] of lines) {
      assert.equal(alias, folder, `${folder} is registered under its folder's name`);
      assert.ok(fs.existsSync(path.join(FEATURES_DIR, folder, file)), `${folder}/${file} exists`);
    }
    const folders = fs
      .readdirSync(FEATURES_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory() && fs.readdirSync(path.join(FEATURES_DIR, d.name)).some((f) => /\.feature\.tsx?$/.test(f)))
      .map((d) => d.name)
      .sort();
    assert.deepEqual(registered, folders);
  });
});
