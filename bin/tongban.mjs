#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx tongban …` works in a checkout after `npm ci`. The commands live in
// src/cli/main.ts (runCli), which the tests also call in their own process: this file adds only the process around it.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
const code = await runCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr });
// exitCode, not exit(): stdout and stderr are flushed before the process ends.
if (code !== 0) process.exitCode = code;
