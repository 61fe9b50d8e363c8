import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ReloadSource } from '../../app/reload/reload-types.js';
import type { ReloadRequest } from './reload-messages.js';

/** How long uploaded content stays fetchable by the other instances. */
const CONTENT_TTL_SECONDS = 3600;

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * An uploaded knowledge base handed to the other instances: stored under its sha256 in
 * `<base>reload:content:<sha256>` with a TTL, and read back only when it still matches that hash.
 */
export class ReloadContentStore {
  constructor(
    private readonly redis: Redis,
    /** The bus's key prefix, `<prefix>:{kb}:`. */
    private readonly base: string,
  ) {}

  /** Stores the text and returns how a reload request names it. */
  async share(text: string): Promise<ReloadRequest['source']> {
    const digest = sha256(text);
    await this.redis.set(this.key(digest), text, 'EX', CONTENT_TTL_SECONDS);
    return { kind: 'content', sha256: digest, bytes: Buffer.byteLength(text, 'utf8') };
  }

  /** What a request's source names: the file, or the uploaded content; null when the content is gone. */
  async sourceOf(source: ReloadRequest['source']): Promise<ReloadSource | null> {
    if (source.kind === 'file') return { kind: 'file' };
    const text = await this.fetch(source.sha256);
    return text === null ? null : { kind: 'content', text };
  }

  /** The text stored under `digest`; null when it expired or does not match its hash. */
  private async fetch(digest: string): Promise<string | null> {
    const text = await this.redis.get(this.key(digest));
    // Content that does not match its hash was tampered with or truncated: never load that.
    return text !== null && sha256(text) === digest ? text : null;
  }

  private key(digest: string): string {
    return `${this.base}reload:content:${digest}`;
  }
}
