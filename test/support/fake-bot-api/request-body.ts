import type { IncomingMessage } from 'node:http';

/** A file uploaded in a multipart body (sendDocument with an InputFile). */
export interface UploadedFile {
  fileName: string;
  mimeType?: string;
  content: Buffer;
}

export type Params = Record<string, unknown>;

/** Fields the Bot API sends as JSON text inside form bodies. */
const JSON_FIELDS = new Set([
  'reply_markup',
  'entities',
  'caption_entities',
  'link_preview_options',
  'reply_parameters',
  'allowed_updates',
  'commands',
  'scope',
]);
const NUMBER_FIELDS = new Set([
  'chat_id',
  'message_id',
  'offset',
  'limit',
  'timeout',
  'reply_to_message_id',
  'cache_time',
  'from_chat_id',
  'max_connections',
]);
const BOOLEAN_FIELDS = new Set([
  'show_alert',
  'disable_notification',
  'drop_pending_updates',
  'protect_content',
]);

/**
 * Reads a Bot API request the way Telegram does: JSON, url-encoded or multipart bodies, plus query-string
 * parameters. Form values are turned back into the types a JSON body would carry, so that tests see one shape.
 */
export async function readParams(req: IncomingMessage, url: URL): Promise<Params> {
  const raw = await readBody(req);
  const type = req.headers['content-type'] ?? '';
  const params: Params = {};
  url.searchParams.forEach((value, key) => (params[key] = fromFormValue(key, value)));
  if (raw.length === 0) return params;
  if (type.startsWith('application/json'))
    return { ...params, ...(JSON.parse(raw.toString('utf8')) as Params) };
  if (type.startsWith('application/x-www-form-urlencoded')) {
    new URLSearchParams(raw.toString('utf8')).forEach(
      (value, key) => (params[key] = fromFormValue(key, value)),
    );
    return params;
  }
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
  if (type.startsWith('multipart/form-data') && boundary) {
    return { ...params, ...parseMultipart(raw, boundary[1] ?? boundary[2]!) };
  }
  throw new Error(`unsupported content-type "${type}"`);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function fromFormValue(key: string, value: string): unknown {
  if (JSON_FIELDS.has(key)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  if (NUMBER_FIELDS.has(key) && /^-?\d+$/.test(value)) return Number(value);
  if (BOOLEAN_FIELDS.has(key)) return value === 'true';
  return value;
}

/** A small multipart/form-data reader: text fields become values, file parts become UploadedFile. */
function parseMultipart(body: Buffer, boundary: string): Params {
  const params: Params = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) break;
    // Each part: CRLF, headers, blank line, content, CRLF before the next delimiter.
    const part = body.subarray(partStart + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const content = part.subarray(headerEnd + 4);
    const name = /name="([^"]*)"/.exec(headers)?.[1];
    const fileNameMatch = /filename=(?:"([^"]*)"|([^;\r\n]+))/.exec(headers);
    const fileName = fileNameMatch ? (fileNameMatch[1] ?? fileNameMatch[2]!) : undefined;
    const mimeType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
    if (name !== undefined) {
      params[name] =
        fileName !== undefined
          ? ({ fileName, mimeType, content: Buffer.from(content) } satisfies UploadedFile)
          : fromFormValue(name, content.toString('utf8'));
    }
    start = next;
  }
  // grammY and telegraf name files by reference: document="attach://<part name>".
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string' && value.startsWith('attach://')) params[key] = params[value.slice(9)];
  }
  return params;
}
