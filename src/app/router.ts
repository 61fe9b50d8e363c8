import type { DecodedCallback } from './callback-data.js';
import type {
  AttachmentInput,
  CallbackInput,
  CommandInput,
  DeskContext,
  DeskResponse,
  Feature,
  TextInput,
} from './feature.js';

type Handler<I> = (input: I, ctx: DeskContext) => Promise<DeskResponse>;

/** Two features claimed the same command or callback action: a wiring mistake, found at start-up. */
export class FeatureConflictError extends Error {
  readonly code = 'FEATURE_CONFLICT';
  constructor(
    readonly kind: 'command' | 'callback action',
    readonly claimed: string,
    readonly features: [string, string],
  ) {
    super(`${kind} "${claimed}" is claimed by both ${features[0]} and ${features[1]}`);
    this.name = 'FeatureConflictError';
  }
}

function index<I>(
  features: Feature[],
  pick: (f: Feature) => Record<string, Handler<I>> | undefined,
  kind: FeatureConflictError['kind'],
): Map<string, { feature: string; handler: Handler<I> }> {
  const byName = new Map<string, { feature: string; handler: Handler<I> }>();
  for (const feature of features) {
    for (const [name, handler] of Object.entries(pick(feature) ?? {})) {
      const taken = byName.get(name);
      if (taken) throw new FeatureConflictError(kind, name, [taken.feature, feature.name]);
      byName.set(name, { feature: feature.name, handler });
    }
  }
  return byName;
}

/**
 * Routes commands and callback actions to the one feature that declares them, and offers text and attachments
 * to features in order until one takes it. Whatever no feature takes gets a polite, translated fallback.
 */
export function createRouter(features: Feature[]) {
  const commands = index(features, (f) => f.commands, 'command');
  const callbacks = index(features, (f) => f.callbacks, 'callback action');

  return {
    async command(input: CommandInput, ctx: DeskContext): Promise<DeskResponse> {
      const route = commands.get(input.name.toLowerCase());
      if (route) return route.handler(input, ctx);
      // In groups, commands are often meant for other bots or people; only a private chat gets the hint.
      return ctx.sender.chatType === 'private'
        ? { replies: [{ html: ctx.t('errors:unknown_command') }] }
        : {};
    },

    async text(input: TextInput, ctx: DeskContext): Promise<DeskResponse> {
      for (const feature of features) {
        const response = await feature.text?.(input, ctx);
        if (response) return response;
      }
      return {};
    },

    /** Whatever no feature takes, a private chat is told that the bot reads text only. */
    async attachment(input: AttachmentInput, ctx: DeskContext): Promise<DeskResponse> {
      for (const feature of features) {
        const response = await feature.attachment?.(input, ctx);
        if (response) return response;
      }
      return ctx.sender.chatType === 'private'
        ? { replies: [{ html: ctx.t('errors:document_not_understood') }] }
        : {};
    },

    /** An undecodable button, or one whose action no feature knows any more, is out of date, not an error. */
    async callback(
      decoded: DecodedCallback | null,
      messageId: number,
      ctx: DeskContext,
    ): Promise<DeskResponse> {
      const route = decoded && callbacks.get(decoded.action);
      if (!decoded || !route) {
        ctx.log.info({ action: decoded?.action ?? null }, 'stale or unknown button');
        return { toast: { text: ctx.t('errors:stale_button') } };
      }
      const input: CallbackInput = { action: decoded.action, args: decoded.args, messageId };
      return route.handler(input, ctx);
    },
  };
}
