import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/project-root.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `tsx src/cli/<script>` from the project root with the given arguments and standard input, without the
 * caller's KB_PATH or DEFAULT_LANGUAGE (they would change the answers).
 */
export function runCli(
  script: string,
  args: string[],
  input = '',
  env: NodeJS.ProcessEnv = {},
): Promise<CliRun> {
  const root = projectRoot();
  const { KB_PATH: _kb, DEFAULT_LANGUAGE: _lang, ...inherited } = process.env;
  return new Promise((resolve) => {
    const child = execFile(
      join(root, 'node_modules/.bin/tsx'),
      [join(root, 'src/cli', script), ...args],
      { cwd: root, env: { ...inherited, ...env } },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? 1) : 0;
        resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
      },
    );
    child.stdin?.end(input);
  });
}
