import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { Metrics } from '../observability/metrics.js';

const REQUEST = 'desk:metrics-request';
const REPLY = 'desk:metrics-reply';
/**
 * How long a child waits for the primary: longer than prom-client's own 5 s wait for the children, so that the
 * primary's answer (figures or failure) always arrives first.
 */
const REPLY_TIMEOUT_MS = 6_000;

interface MetricsRequest {
  type: typeof REQUEST;
  id: number;
}
interface MetricsReply {
  type: typeof REPLY;
  id: number;
  text?: string;
}

/**
 * In the primary of a cluster: answers children's requests for the metrics of all bot processes, summed by
 * prom-client's AggregatorRegistry (gauges read from the shared Redis use `max`, see metrics.ts).
 */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: Partial<MetricsRequest>) => {
    if (message?.type !== REQUEST) return;
    const reply = (text?: string) =>
      worker.isConnected() && worker.send({ type: REPLY, id: message.id, text });
    aggregator.clusterMetrics().then(reply, () => reply(undefined));
  });
}

/**
 * What GET /metrics serves in this process: inside a cluster, every process's figures together (a scrape
 * reaches one child at random, so that its own figures alone would jump about), or an error when they cannot
 * be had; otherwise this process's.
 */
export function clusterAwareMetrics(metrics: Metrics): Pick<Metrics, 'registry' | 'render'> {
  if (!cluster.isWorker) return metrics;
  // prom-client answers the primary's collection requests from these registries (its default is the global one);
  // its listener for them is added by the first AggregatorRegistry made in the process.
  AggregatorRegistry.setRegistries([metrics.registry as Registry]);
  new AggregatorRegistry();
  let nextId = 0;
  const pending = new Map<number, (text: string | undefined) => void>();
  process.on('message', (message: Partial<MetricsReply>) => {
    if (message?.type !== REPLY || message.id === undefined) return;
    pending.get(message.id)?.(message.text);
    pending.delete(message.id);
  });
  const askPrimary = () =>
    new Promise<string | undefined>((resolve) => {
      const id = nextId++;
      const timer = setTimeout(() => pending.delete(id) && resolve(undefined), REPLY_TIMEOUT_MS);
      pending.set(id, (text) => {
        clearTimeout(timer);
        resolve(text);
      });
      process.send?.({ type: REQUEST, id } satisfies MetricsRequest);
    });
  return {
    registry: metrics.registry,
    // One process's figures would look like counter resets to Prometheus: a failed scrape is the honest answer.
    render: async () => {
      const text = await askPrimary();
      if (text === undefined) throw new Error('metrics of the other bot processes unavailable');
      return text;
    },
  };
}
