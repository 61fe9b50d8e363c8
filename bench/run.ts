/**
 * `npm run bench [-- <section> ...]`: runs the benchmark sections, every bench/<name>.ts that exports
 * `section` (see support/section.ts), or only the named ones. Benchmarks measure; they never fail a build.
 * Exit codes: 0 done, 2 unknown section.
 */
import { readdir } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchSection } from './support/section.js';

const here = dirname(fileURLToPath(import.meta.url));

async function discoverSections(): Promise<BenchSection[]> {
  const files = (await readdir(here)).filter((file) => /\.ts$/.test(file) && file !== 'run.ts').sort();
  const sections: BenchSection[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(`${here}/${file}`).href)) as { section?: BenchSection };
    if (module.section) sections.push(module.section);
    else console.error(`bench: ${basename(file)} exports no section; skipped`);
  }
  return sections;
}

async function main(names: readonly string[]): Promise<number> {
  const sections = await discoverSections();
  const unknown = names.filter((name) => !sections.some((s) => s.name === name));
  if (unknown.length > 0) {
    console.error(
      `bench: unknown section ${unknown.join(', ')}; known: ${sections.map((s) => s.name).join(', ')}`,
    );
    return 2;
  }
  for (const section of sections.filter((s) => names.length === 0 || names.includes(s.name))) {
    console.log(`\n== ${section.name}: ${section.description}`);
    await section.run();
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2).filter((arg) => arg !== '--'));
