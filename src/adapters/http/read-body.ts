import type { IncomingMessage } from 'node:http';
import { HttpError } from './types.js';

/**
 * Reads a request body of at most `maxBytes`. A declared Content-Length above the limit is refused before a
 * byte is read; a body that grows past it while streaming is refused as soon as it does, so a client cannot
 * make the server buffer more than the limit.
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > maxBytes) throw new HttpError(413, 'payload_too_large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new HttpError(413, 'payload_too_large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
