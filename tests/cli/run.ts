import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCli, type CliOutput } from '../../src/cli/main.ts';

/** What a run of `tongban …` left: its exit code and everything it wrote. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const bin = fileURLToPath(new URL('../../bin/tongban.mjs', import.meta.url));

function buffer(): CliOutput & { text: string } {
  return {
    text: '',
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

/**
 * `tongban ARGS` through runCli in this process, the code bin/tongban.mjs runs: what a command prints, its exit code
 * and what it changes in the database are the same, without a child's tsx loader, module loading and PGlite start
 * (~2.2 s CPU each).
 */
export async function tongbanIn(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult> {
  const stdout = buffer();
  const stderr = buffer();
  const code = await runCli(args, { env, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** `tongban ARGS` as a user runs it, bin/tongban.mjs in a process of its own: for what the process itself does. */
export function tongbanProcess(env: NodeJS.ProcessEnv, ...args: string[]): CliResult {
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
