import type { Entry } from '../../core/knowledge-base/schema.js';
import { ACTIONS } from '../callback-actions.js';
import type { DeskContext, DeskResponse, Feature } from '../feature.js';
import { renderEntryCard } from '../render/entry-card.js';
import { button, rows } from '../render/keyboard.js';
import type { Button, OutMessage } from '../types.js';

/** Ten buttons and a navigation row still fit on a phone screen. */
export const BROWSE_PAGE_SIZE = 8;
/** Related entries shown under a card. */
const MAX_RELATED = 4;

function pageCount(communities: readonly Entry[]): number {
  return Math.max(1, Math.ceil(communities.length / BROWSE_PAGE_SIZE));
}

/** One page of the communities list; a page out of range (the base changed meanwhile) shows the nearest one. */
function listPage(ctx: DeskContext, requested: number): OutMessage {
  const communities = ctx.snapshot.list('community');
  const pages = pageCount(communities);
  const page = Math.min(Math.max(0, Number.isInteger(requested) ? requested : 0), pages - 1);
  const shown = communities.slice(page * BROWSE_PAGE_SIZE, (page + 1) * BROWSE_PAGE_SIZE);
  const entryButtons = shown.map((entry) =>
    button(entry.title[ctx.lang], ACTIONS.browseEntry, entry.id, page),
  );
  const nav = rows(
    [
      page > 0 ? button(ctx.t('browse:button.previous'), ACTIONS.browsePage, page - 1) : null,
      page < pages - 1 ? button(ctx.t('browse:button.next'), ACTIONS.browsePage, page + 1) : null,
    ],
    2,
  );
  const html =
    communities.length === 0
      ? ctx.t('browse:empty')
      : ctx.t('browse:title', {
          from: page * BROWSE_PAGE_SIZE + 1,
          to: page * BROWSE_PAGE_SIZE + shown.length,
          total: communities.length,
        });
  return { html, buttons: [...rows(entryButtons), ...nav] };
}

/** An entry's card with buttons for its related entries and a way back to the list page it came from. */
function entryCard(ctx: DeskContext, entry: Entry, page: number): OutMessage {
  const related: Button[] = entry.related
    .map((id) => ctx.snapshot.byId(id))
    .filter((e): e is Entry => e !== undefined)
    .slice(0, MAX_RELATED)
    .map((e) => button(e.title[ctx.lang], ACTIONS.browseEntry, e.id, page));
  return {
    html: renderEntryCard(entry, ctx.lang, ctx.t),
    buttons: [...rows(related), ...rows([button(ctx.t('browse:button.back'), ACTIONS.browsePage, page)])],
  };
}

/**
 * /communities: the provincial communities as an inline, paged list. A tap turns the list message into the
 * entry's card (lead organisation, city, batch, sources) with related entries and "back to the list".
 */
export function createBrowseFeature(): Feature {
  const showEntry = async ([id, page]: string[], ctx: DeskContext): Promise<DeskResponse> => {
    const entry = id ? ctx.snapshot.byId(id) : undefined;
    if (!entry) return { toast: { text: ctx.t('errors:stale_button') }, edit: listPage(ctx, Number(page)) };
    return { edit: entryCard(ctx, entry, Number(page)) };
  };

  return {
    name: 'browse',
    menu: [{ command: 'communities', descriptionKey: 'browse:menu' }],
    commands: {
      communities: async (_input, ctx) => ({ replies: [listPage(ctx, 0)] }),
    },
    callbacks: {
      [ACTIONS.browseList]: async (_input, ctx) => ({ send: [listPage(ctx, 0)] }),
      [ACTIONS.browsePage]: async (input, ctx) => ({ edit: listPage(ctx, Number(input.args[0])) }),
      [ACTIONS.browseEntry]: async (input, ctx) => showEntry(input.args, ctx),
    },
  };
}
