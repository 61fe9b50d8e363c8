import type { UploadedFile } from './request-body.js';
import { badRequest } from './types.js';

/** Telegram's limits for an uploaded photo. */
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const MAX_WIDTH_PLUS_HEIGHT = 10_000;
const MAX_ASPECT_RATIO = 20;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Reads an uploaded photo the way Telegram judges it: a PNG (its size from the IHDR chunk) or a JPEG (its size
 * from the first start-of-frame marker), at most 10 MB, width + height at most 10,000, sides at most 1:20.
 * Anything else fails as Telegram's IMAGE_PROCESS_FAILED or PHOTO_INVALID_DIMENSIONS.
 */
export function readPhoto(upload: UploadedFile): { width: number; height: number } {
  if (upload.content.length > MAX_PHOTO_BYTES) throw badRequest('file is too big');
  const size = pngSize(upload.content) ?? jpegSize(upload.content);
  if (!size || size.width === 0 || size.height === 0) throw badRequest('IMAGE_PROCESS_FAILED');
  const { width, height } = size;
  if (width + height > MAX_WIDTH_PLUS_HEIGHT || Math.max(width / height, height / width) > MAX_ASPECT_RATIO)
    throw badRequest('PHOTO_INVALID_DIMENSIONS');
  return size;
}

function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function jpegSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let at = 2;
  while (at + 9 < bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    const length = bytes.readUInt16BE(at + 2);
    const startOfFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (startOfFrame) return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    at += 2 + length;
  }
  return null;
}
