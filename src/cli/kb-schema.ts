/**
 * `npm run kb:schema [file]`: writes the JSON Schema of the knowledge-base file, generated from its zod schema,
 * to data/knowledge-base.schema.json (or `file`). data/knowledge-base.json names it in `$schema`, so that an
 * editor checks and completes the file as it is typed. Run it after changing src/core/knowledge-base/schema.ts;
 * a test fails while the committed file differs from what this writes.
 * Exit codes: 0 written, 1 not written, 2 usage error.
 */
import { writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { knowledgeBaseJsonSchema } from '../core/knowledge-base/schema.js';
import { projectRoot } from '../project-root.js';

const USAGE = 'usage: npm run kb:schema [file]   (default: data/knowledge-base.schema.json)';

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  if (args.length > 1 || args.some((arg) => arg.startsWith('-'))) {
    console.error(`kb:schema: give at most one file, no options\n${USAGE}`);
    return 2;
  }
  const file = args[0] ?? join(projectRoot(), 'data/knowledge-base.schema.json');
  try {
    await writeFile(file, knowledgeBaseJsonSchema());
  } catch (error) {
    console.error(
      `kb:schema: ${file} cannot be written (${error instanceof Error ? error.message : String(error)})`,
    );
    return 1;
  }
  console.log(`wrote ${relative(process.cwd(), file) || file}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`kb:schema: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
