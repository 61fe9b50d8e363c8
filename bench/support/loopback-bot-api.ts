import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The smallest Bot API that answers every call at once (getMe, setWebhook, sendMessage...), for benchmarks:
 * it checks and records nothing beyond counting replies, so that what is measured is the bot, not the
 * stand-in.
 */
export interface LoopbackBotApi {
  readonly apiRoot: string;
  /** sendMessage calls answered so far. */
  replies(): number;
  close(): Promise<void>;
}

export const BENCH_TOKEN = '123456789:AAbenchmarkTokenForLoopbackOnly-000000';
export const BENCH_BOT = {
  id: 123456789,
  is_bot: true as const,
  first_name: 'Community Desk',
  username: 'community_desk_bench_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** A Bot API method's answer to its parameters; `at` is performance.now() when the request's body had arrived. */
export type BotApiMethod = (method: string, params: Record<string, unknown>, at: number) => unknown;

/**
 * Serves `answer` over loopback HTTP as the Bot API does (`/bot<token>/<method>`, JSON in, `{ ok, result }`
 * out, keep-alive), answering `true` where it gives nothing: the part every benchmark's stand-in shares.
 */
export async function serveBotApi(
  answer: BotApiMethod,
): Promise<{ apiRoot: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const method = (req.url ?? '').split('/').pop() ?? '';
      const params = chunks.length
        ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>)
        : {};
      const body = JSON.stringify({ ok: true, result: answer(method, params, at) ?? true });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function startLoopbackBotApi(): Promise<LoopbackBotApi> {
  let replies = 0;
  let messageId = 0;
  const served = await serveBotApi((method, params) => {
    if (method === 'getMe') return BENCH_BOT;
    if (method !== 'sendMessage') return undefined;
    replies += 1;
    return {
      message_id: ++messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: params.chat_id, type: 'private' },
      text: params.text,
    };
  });
  return { ...served, replies: () => replies };
}
