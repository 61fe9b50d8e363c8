/** The load side of the webhook benchmark: question updates and a keep-alive HTTP client that times each. */
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { loadKnowledgeBaseFile } from '../../src/core/knowledge-base/load.js';
import { LANGUAGES } from '../../src/core/language/languages.js';
import { projectRoot } from '../../src/project-root.js';

/** Questions people ask, in the four languages, from the shipped knowledge base's example questions. */
export async function questions(): Promise<{ text: string; lang: string }[]> {
  const loaded = await loadKnowledgeBaseFile(join(projectRoot(), 'data/knowledge-base.json'));
  if (!loaded.ok) throw new Error('shipped knowledge base invalid');
  return loaded.kb.entries.flatMap((e) =>
    LANGUAGES.flatMap((lang) => e.search[lang].questions.map((text) => ({ text, lang }))),
  );
}

/**
 * One text update from a user of its own (so that neither the rate limit nor per-chat pacing is what is
 * measured).
 */
export function updateBody(n: number, q: { text: string; lang: string }): string {
  const user = { id: 1_000_000 + n, is_bot: false, first_name: `U${n}`, language_code: q.lang };
  const message = {
    message_id: n,
    date: Math.floor(Date.now() / 1000),
    chat: { id: user.id, type: 'private', first_name: user.first_name },
    from: user,
    text: q.text,
  };
  return JSON.stringify({ update_id: 500_000_000 + n, message });
}

/**
 * Posts `bodies` to /telegram/webhook with `concurrency` requests in flight, as Telegram would
 * (max_connections); returns each request's time and the wall time.
 */
export async function load(
  port: number,
  bodies: string[],
  opts: { concurrency: number; secret: string },
): Promise<{ times: Float64Array; wallMs: number; non200: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const times = new Float64Array(bodies.length);
  let next = 0;
  let non200 = 0;
  const post = (body: string) =>
    new Promise<number>((resolve, reject) => {
      const t0 = process.hrtime.bigint();
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/telegram/webhook',
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-telegram-bot-api-secret-token': opts.secret,
          },
        },
        (res) => {
          if (res.statusCode !== 200) non200 += 1;
          res.resume();
          res.on('end', () => resolve(Number(process.hrtime.bigint() - t0) / 1e6));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (next < bodies.length) {
        const i = next++;
        times[i] = await post(bodies[i]!);
      }
    }),
  );
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  agent.destroy();
  return { times, wallMs, non200 };
}
