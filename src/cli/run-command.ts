/**
 * Runs a command-line tool: `main` gets the arguments (without the `--` npm passes on) and resolves to the exit
 * code. Only a bug in the tool rejects; it is printed in one line, without a stack trace, and exits 1.
 */
export function runCommand(name: string, main: (args: string[]) => Promise<number>): void {
  main(process.argv.slice(2).filter((arg) => arg !== '--')).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
