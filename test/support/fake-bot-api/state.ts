import type { FakeForum } from './forum.js';
import { parseTelegramHtml } from './telegram-html.js';
import type {
  FakeChat,
  FakeChatMemberUpdated,
  FakeDocument,
  FakeMessage,
  FakeUpdate,
  FakeUser,
  SentMessage,
} from './types.js';

export interface StoredFile {
  fileId: string;
  path: string;
  fileName?: string;
  mimeType?: string;
  content: Buffer;
}

export interface WebhookSettings {
  url: string;
  secretToken?: string;
  allowedUpdates?: string[];
}

/** Everything the fake Telegram remembers: chats and their messages, unconfirmed updates, webhook, files. */
export class BotApiState {
  private nextMessageId = 1;
  private nextUpdateId = 1;
  private nextFileId = 1;
  private nextCallbackId = 1;
  /** Updates not yet confirmed by a getUpdates offset (or not yet delivered to the webhook). */
  readonly pending: FakeUpdate[] = [];
  /** Every message in every chat, keyed by `chatId:messageId`. */
  private readonly messages = new Map<string, FakeMessage>();
  /** The bot's own messages in the order they were sent, with send-time details. */
  private readonly sent: SentRecord[] = [];
  private readonly chats = new Map<number, FakeChat>();
  readonly openCallbackQueries = new Set<string>();
  readonly blockedChats = new Set<number>();
  /** Chats the bot left (leaveChat); sends there get 403 until the bot is added again. */
  readonly leftChats = new Set<number>();
  readonly files = new Map<string, StoredFile>();
  readonly commands = new Map<string, unknown>();
  /** Chats that are forum supergroups, with their topics and the bot's right to manage them. */
  readonly forums = new Map<number, FakeForum>();
  webhook: WebhookSettings | null = null;
  /** The last allowed_updates a bot asked for (getUpdates or setWebhook); null: every type. */
  allowedUpdates: string[] | null = null;

  constructor(readonly botUser: FakeUser) {}

  messageId(): number {
    return this.nextMessageId++;
  }

  callbackQueryId(): string {
    return String(this.nextCallbackId++);
  }

  /** Queues an update, giving it the next update_id unless it brings its own (a redelivery). */
  enqueue(update: Omit<FakeUpdate, 'update_id'> & { update_id?: number }): FakeUpdate {
    const full = { ...update, update_id: update.update_id ?? this.nextUpdateId++ } as FakeUpdate;
    this.nextUpdateId = Math.max(this.nextUpdateId, full.update_id + 1);
    const message = full.message ?? full.edited_message;
    if (message) this.remember(message);
    if (full.callback_query) this.openCallbackQueries.add(full.callback_query.id);
    if (full.my_chat_member) this.noteMembership(full.my_chat_member);
    this.pending.push(full);
    return full;
  }

  /** A bot named the types it wants; an empty list means Telegram's default (here: every type). */
  askFor(allowed: unknown): void {
    this.allowedUpdates = Array.isArray(allowed) && allowed.length > 0 ? (allowed as string[]) : null;
  }

  /**
   * Forgets pending updates of types the bot did not ask for, as Telegram never delivers them (the default,
   * when a bot never named any, is every type the fake makes).
   */
  dropUnwanted(): void {
    const allowed = this.allowedUpdates;
    if (!allowed) return;
    const kind = (u: FakeUpdate) => Object.keys(u).find((key) => key !== 'update_id') ?? '';
    for (let i = this.pending.length - 1; i >= 0; i--) {
      if (!allowed.includes(kind(this.pending[i]!))) this.pending.splice(i, 1);
    }
  }

  /** Telegram knows the chat from the membership change; being added again undoes a leaveChat. */
  private noteMembership(change: FakeChatMemberUpdated): void {
    this.chats.set(change.chat.id, change.chat);
    if (change.new_chat_member.status === 'left' || change.new_chat_member.status === 'kicked') return;
    this.leftChats.delete(change.chat.id);
  }

  /** Forgets updates below `offset`, as Telegram does when getUpdates is called with it. */
  confirmBelow(offset: number): void {
    while (this.pending.length > 0 && this.pending[0]!.update_id < offset) this.pending.shift();
  }

  remember(message: FakeMessage): void {
    this.chats.set(message.chat.id, message.chat);
    this.messages.set(`${message.chat.id}:${message.message_id}`, message);
  }

  chat(chatId: number): FakeChat {
    const known = this.chats.get(chatId);
    if (known) return known;
    // Telegram's id ranges: users are positive, supergroups start at -100..., basic groups are other negatives.
    const type = chatId > 0 ? 'private' : chatId <= -1_000_000_000_000 ? 'supergroup' : 'group';
    return { id: chatId, type };
  }

  message(chatId: number, messageId: number): FakeMessage | undefined {
    return this.messages.get(`${chatId}:${messageId}`);
  }

  /** Deletes every message of a forum topic (the topic was deleted); they leave `sentTo` too. */
  forgetTopicMessages(chatId: number, threadId: number): void {
    for (const [key, message] of this.messages)
      if (message.chat.id === chatId && message.is_topic_message && message.message_thread_id === threadId)
        this.messages.delete(key);
  }

  /** Stores a message the bot sent and returns it as the Bot API would. */
  addBotMessage(
    chatId: number,
    fields: Partial<FakeMessage>,
    parseMode?: string,
    copiedFrom?: SentRecord['copiedFrom'],
  ): FakeMessage {
    const message: FakeMessage = {
      message_id: this.messageId(),
      date: Math.floor(Date.now() / 1000),
      chat: this.chat(chatId),
      from: this.botUser,
      ...fields,
    };
    this.remember(message);
    this.sent.push({ key: `${chatId}:${message.message_id}`, parseMode, edits: 0, copiedFrom });
    return message;
  }

  replaceBotMessage(message: FakeMessage, parseMode?: string): void {
    this.remember(message);
    const record = this.sent.find((s) => s.key === `${message.chat.id}:${message.message_id}`);
    if (record) {
      record.parseMode = parseMode;
      record.edits += 1;
    }
  }

  /** The same message with new buttons (editMessageReplyMarkup): its text and parse mode stay. */
  replaceMarkup(message: FakeMessage): void {
    this.remember(message);
    const record = this.sent.find((s) => s.key === `${message.chat.id}:${message.message_id}`);
    if (record) record.edits += 1;
  }

  /** A message as the Bot API returns it: for HTML messages, the visible text instead of the source. */
  apiView(message: FakeMessage): FakeMessage {
    const record = this.sent.find((s) => s.key === `${message.chat.id}:${message.message_id}`);
    if (record?.parseMode !== 'HTML') return message;
    const view = { ...message };
    if (message.text !== undefined) view.text = parseTelegramHtml(message.text);
    if (message.caption !== undefined) view.caption = parseTelegramHtml(message.caption);
    return view;
  }

  addFile(content: Buffer, fileName?: string, mimeType?: string): FakeDocument {
    const fileId = `file-${this.nextFileId++}`;
    this.files.set(fileId, { fileId, path: `documents/${fileId}`, content, fileName, mimeType });
    return {
      file_id: fileId,
      file_unique_id: `u${fileId}`,
      file_name: fileName,
      mime_type: mimeType,
      file_size: content.length,
    };
  }

  /** The bot's messages in one chat, oldest first, as they stand now. */
  sentTo(chatId: number): SentMessage[] {
    return this.sent.flatMap((record) => {
      const message = this.messages.get(record.key);
      return message?.chat.id === chatId ? [toSentMessage(message, record)] : [];
    });
  }
}

interface SentRecord {
  key: string;
  parseMode?: string;
  edits: number;
  copiedFrom?: { chatId: number; messageId: number };
}

function toSentMessage(message: FakeMessage, { parseMode, edits, copiedFrom }: SentRecord): SentMessage {
  const text = message.text ?? message.caption ?? '';
  return {
    messageId: message.message_id,
    chatId: message.chat.id,
    text,
    visibleText: parseMode === 'HTML' ? parseTelegramHtml(text) : text,
    parseMode,
    buttons: (message.reply_markup?.inline_keyboard ?? []).map((row) =>
      row.map((b) => ({ text: b.text, data: b.callback_data, url: b.url })),
    ),
    replyTo: message.reply_to_message?.message_id,
    document: message.document,
    photo: message.photo,
    video: message.video,
    voice: message.voice,
    audio: message.audio,
    ...(copiedFrom ? { copiedFrom } : {}),
    edits,
    ...(message.is_topic_message ? { threadId: message.message_thread_id } : {}),
  };
}
