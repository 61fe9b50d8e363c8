/** One benchmark section: a file bench/<name>.ts that exports `section`. */
export interface BenchSection {
  /** The name used on the command line: `npm run bench -- <name>`. */
  name: string;
  description: string;
  run(): Promise<void>;
}
