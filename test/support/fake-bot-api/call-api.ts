import type { BotApiControl } from './control.js';

/** The Bot API's JSON, read loosely: each test picks the fields of `result` it checks. */
export interface ApiReply {
  ok: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  result?: any;
  description?: string;
  parameters?: unknown;
}

/** Calls a method of the fake over HTTP with a JSON body, as a bot would; the fake's own tests use it. */
export async function callApi(
  fake: BotApiControl,
  method: string,
  payload: unknown = {},
): Promise<{ status: number; body: ApiReply }> {
  const res = await fetch(`${fake.apiRoot}/bot${fake.token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  return { status: res.status, body: (await res.json()) as ApiReply };
}
