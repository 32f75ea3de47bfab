import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { doorsPlugin } from './eslint.doors.js';

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'node_modules/', '.cache/', 'db/migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // The door lint (eslint.doors.js, style.md §1): another module or web feature is imported only through its
    // index.ts, from anywhere; src/platform imports no module. Exceptions, with reasons, are listed in that file.
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { tongban: doorsPlugin },
    rules: { 'tongban/doors': 'error' },
  },
  {
    // One spelling in code (ADR 0022): `license` in identifiers, keys, test ids and paths; the glossary's "licence"
    // stays in prose (comments, and messages the user reads, which contain a space or live in a messages file).
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: ['**/messages.ts', 'eslint.config.js'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'Identifier[name=/licence/i]', message: 'Code spells it `license` (ADR 0022); "licence" is for prose.' },
        { selector: 'Literal[value=/^[^\\s]*licence[^\\s]*$/i]', message: 'A code string spells it `license` (ADR 0022); "licence" is for prose.' },
        { selector: 'TemplateElement[value.raw=/^[^\\s]*licence[^\\s]*$/i]', message: 'A code string spells it `license` (ADR 0022).' },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
