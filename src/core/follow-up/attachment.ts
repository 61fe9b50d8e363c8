/**
 * Files people send in a conversation with staff. They are relayed by copying the Telegram message (the file
 * stays on Telegram and is never downloaded), so the desk keeps only where the message is and what kind it is.
 */
export const ATTACHMENT_KINDS = ['photo', 'document', 'video', 'voice', 'audio'] as const;

export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export const ATTACHMENT_LIMITS = {
  /** The largest file relayed, as Telegram reports its size (the Bot API's own download limit). */
  maxBytes: 20 * 1024 * 1024,
  /** Telegram's limit for a caption, which the relayed copy's frame must fit in. */
  captionChars: 1024,
} as const;

/** A message carrying a file, in the chat where it was sent: what a relay copies. */
export interface AttachmentRef {
  kind: AttachmentKind;
  chatId: number;
  messageId: number;
}

export type AttachmentProblem = 'unsupported' | 'too-big';

export const isAttachmentKind = (kind: string): kind is AttachmentKind =>
  (ATTACHMENT_KINDS as readonly string[]).includes(kind);

/** Whether a file may be relayed: one of the kinds above and no larger than the limit (when Telegram says). */
export function checkAttachment(kind: string, sizeBytes: number | undefined): AttachmentProblem | null {
  if (!isAttachmentKind(kind)) return 'unsupported';
  if (sizeBytes !== undefined && sizeBytes > ATTACHMENT_LIMITS.maxBytes) return 'too-big';
  return null;
}
