import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { projectRoot } from '../../src/project-root.js';

/** Latency percentiles and throughput of one series of timed calls. */
export interface LatencyFigures {
  count: number;
  qps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /**
   * The same percentiles in CPU time of the process. On a busy machine (other jobs, two cores) wall-clock
   * percentiles include time spent waiting for a core; CPU time shows what the search itself costs.
   */
  cpuP50Ms: number;
  cpuP99Ms: number;
}

/** Runs `call` once per input after a warm-up (so that the JIT has compiled the path), timing each call. */
export function timeEach<T>(
  inputs: readonly T[],
  call: (input: T) => unknown,
  warmUp = 1_000,
): LatencyFigures {
  for (let i = 0; i < Math.min(warmUp, inputs.length); i++) call(inputs[i]!);
  const times = new Float64Array(inputs.length);
  const cpuTimes = new Float64Array(inputs.length);
  const started = process.hrtime.bigint();
  inputs.forEach((input, i) => {
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    call(input);
    times[i] = Number(process.hrtime.bigint() - t0) / 1e6;
    const cpu = process.cpuUsage(cpu0);
    cpuTimes[i] = (cpu.user + cpu.system) / 1e3;
  });
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  times.sort();
  cpuTimes.sort();
  const at = (sorted: Float64Array, q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    count: inputs.length,
    qps: Math.round((inputs.length / totalMs) * 1000),
    p50Ms: round(at(times, 0.5)),
    p99Ms: round(at(times, 0.99)),
    maxMs: round(times[times.length - 1] ?? 0),
    cpuP50Ms: round(at(cpuTimes, 0.5)),
    cpuP99Ms: round(at(cpuTimes, 0.99)),
  };
}

/** Heap and resident memory in MB, after a collection when the process runs with --expose-gc. */
export function memoryMb(): { heapUsedMb: number; rssMb: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return { heapUsedMb: Math.round(usage.heapUsed / 1e6), rssMb: Math.round(usage.rss / 1e6) };
}

/** The value at quantile `q` (0-1) of an ascending list; 0 for an empty one. */
export const percentile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Writes a section's figures to bench/results/<name>.json and returns the path. */
export async function writeResults(name: string, data: unknown): Promise<string> {
  const path = join(projectRoot(), 'bench', 'results', `${name}.json`);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(data, null, 2)}\n`);
  return path;
}

/** A plain-text table with right-aligned numbers. */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const cells = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  const line = (row: readonly string[]): string =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}
