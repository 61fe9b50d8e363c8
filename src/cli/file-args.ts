/** One file and at most one option that takes a value (`kb:import -- kb.xlsx --out FILE`). */
export type FileArgs = { file: string; option?: string } | 'help' | { usageError: string };

/** Reads `<file> [<name> VALUE]` in either order; `--help` or `-h` asks for the usage. */
export function parseFileArgs(argv: readonly string[], name: string): FileArgs {
  let file: string | undefined;
  let option: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === name) {
      option = argv[++i];
      if (option === undefined || option.startsWith('-')) return { usageError: `${name} takes a file` };
    } else if (arg.startsWith('-')) return { usageError: `unknown option ${arg}` };
    else if (file !== undefined) return { usageError: 'give one file' };
    else file = arg;
  }
  if (file === undefined) return { usageError: 'give the workbook file' };
  return option === undefined ? { file } : { file, option };
}
