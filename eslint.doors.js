// The door lint (style.md §1): a module's index.ts is its only door, and so is a web feature's. This ESLint rule
// resolves every relative import (static, `export … from`, `import()`, types included) against the importing file and
// reports one that lands on another module's or feature's file other than its index.
//   - src/modules/<m>/… may be imported only through src/modules/<m>/index.ts, from anywhere outside <m>: other
//     modules, src/http, src/bootstrap, src/cli, bench/, tests/, scripts/. A module's own files (its tests included)
//     import one another freely.
//   - src/platform/ is the kernel under the modules: it imports no module at all, not even an index.
//   - web/src/features/<f>/… may be imported from another feature only through its index.ts(x).
// The exceptions are listed below, each with its reason.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

/** Which file may import what it otherwise could not, and why. Keep this short. */
export const DOOR_EXCEPTIONS = [
  {
    importer: /^src\/modules\/[^/]+\/.*\.schema\.ts$/,
    target: /^src\/modules\/[^/]+\/[^/]+\.schema\.ts$/,
    reason: "a module's tables may reference another module's tables for foreign keys",
  },
];

const posix = (p) => p.split(path.sep).join('/');
const isDoor = (rest) => /^index(\.tsx?)?$/.test(rest) || rest === '';

/** Why `importer` (relative to the repository) may not import `target` (ditto), or undefined when it may. */
export function doorViolation(importer, target) {
  if (DOOR_EXCEPTIONS.some((e) => e.importer.test(importer) && e.target.test(target))) return undefined;
  const mod = /^src\/modules\/([^/]+)\/(.*)$/.exec(target);
  if (mod) {
    const [, name, rest] = mod;
    if (importer.startsWith(`src/modules/${name}/`)) return undefined;
    if (importer.startsWith('src/platform/')) {
      return `src/platform is the kernel under the modules and imports none of them (here the ${name} module); pass what it needs in from the module or the app`;
    }
    if (isDoor(rest)) return undefined;
    return `Import the ${name} module through its door src/modules/${name}/index.ts, not ${rest} (style.md §1); export what you need from the index`;
  }
  const feature = /^web\/src\/features\/([^/]+)\/(.*)$/.exec(target);
  if (feature) {
    const [, name, rest] = feature;
    const from = /^web\/src\/features\/([^/]+)\//.exec(importer);
    if (!from || from[1] === name || isDoor(rest)) return undefined;
    return `Import the ${name} feature through its door web/src/features/${name}/index.ts, not ${rest}; export what you need from the index`;
  }
  return undefined;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Import another module or web feature only through its index.ts (style.md §1)' },
    schema: [],
  },
  create(context) {
    const importer = posix(path.relative(ROOT, context.filename));
    const check = (source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = posix(path.relative(ROOT, path.resolve(path.dirname(context.filename), source.value)));
      const message = doorViolation(importer, target);
      if (message) context.report({ node: source, message });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

export const doorsPlugin = { rules: { doors: rule } };
