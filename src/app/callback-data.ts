/**
 * Callback data carried by inline buttons: `<version>:<action>[:<arg>...]`, at most 64 bytes (Telegram's limit).
 * The version lets a later release change the meaning of buttons still sitting in old chats: data of another
 * version decodes to null, and the user is told the button is out of date instead of getting a wrong answer.
 */
export const CALLBACK_VERSION = '1';
export const MAX_CALLBACK_BYTES = 64;

const SEPARATOR = ':';

/** A button could not be made: the data would break Telegram's limit or the format. A programming error. */
export class CallbackDataError extends Error {
  readonly code = 'CALLBACK_DATA_INVALID';
  constructor(
    message: string,
    readonly action: string,
    readonly args: readonly string[],
  ) {
    super(message);
    this.name = 'CallbackDataError';
  }
}

export interface DecodedCallback {
  action: string;
  args: string[];
}

/**
 * Builds callback data for `action` with its arguments. Throws CallbackDataError when a part is empty or holds
 * the separator, or when the result would exceed 64 bytes, so that no button Telegram would refuse is ever built.
 */
export function encodeCallback(action: string, ...args: (string | number)[]): string {
  const parts = args.map(String);
  for (const part of [action, ...parts]) {
    if (part === '' || part.includes(SEPARATOR)) {
      throw new CallbackDataError(
        `callback part "${part}" is empty or contains "${SEPARATOR}"`,
        action,
        parts,
      );
    }
  }
  const data = [CALLBACK_VERSION, action, ...parts].join(SEPARATOR);
  const bytes = Buffer.byteLength(data, 'utf8');
  if (bytes > MAX_CALLBACK_BYTES) {
    throw new CallbackDataError(
      `callback data is ${bytes} bytes, over ${MAX_CALLBACK_BYTES}: ${data}`,
      action,
      parts,
    );
  }
  return data;
}

/** Reads callback data made by encodeCallback; null for anything else (another version, garbage, nothing). */
export function decodeCallback(data: string | undefined): DecodedCallback | null {
  if (!data) return null;
  const [version, action, ...args] = data.split(SEPARATOR);
  if (version !== CALLBACK_VERSION || !action) return null;
  return { action, args };
}
