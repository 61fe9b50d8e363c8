/** The largest file a bot may download through the public Bot API (getFile). */
export const BOT_API_DOWNLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

/**
 * The bytes of a document a user sent, by its Telegram file_id. Rejects when Telegram does not give the file or
 * it is larger than `maxBytes`.
 */
export type FetchDocument = (fileId: string, maxBytes: number) => Promise<Buffer>;

/**
 * Downloads over the Bot API's own HTTP interface (getFile, then `<apiRoot>/file/bot<token>/<path>`), so that it
 * serves grammY and telegraf alike. A local Bot API server in `--local` mode returns an absolute path instead of a
 * download; that path is not readable from here, so such servers need their own fetcher.
 */
export function botApiDocumentFetcher(opts: { token: string; apiRoot: string }): FetchDocument {
  const root = opts.apiRoot.replace(/\/+$/, '');
  const refuse = (fileId: string, reason: string) =>
    new Error(`document ${fileId} could not be downloaded: ${reason}`);
  return async (fileId, maxBytes) => {
    const info = await fetch(`${root}/bot${opts.token}/getFile`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ file_id: fileId }),
    }).then(
      (res) => res.json() as Promise<{ ok: boolean; result?: { file_path?: string; file_size?: number } }>,
    );
    const path = info.ok ? info.result?.file_path : undefined;
    if (!path) throw refuse(fileId, 'getFile gave no file_path');
    if ((info.result?.file_size ?? 0) > maxBytes) throw refuse(fileId, 'too large');
    const res = await fetch(`${root}/file/bot${opts.token}/${path}`);
    if (!res.ok) throw refuse(fileId, `download answered ${res.status}`);
    const body = Buffer.from(await res.arrayBuffer());
    if (body.length > maxBytes) throw refuse(fileId, 'too large');
    return body;
  };
}
