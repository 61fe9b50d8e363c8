/** Counts hits per subject within a window that starts at the subject's first hit. */
export interface RateCounter {
  /** Counts one hit; throws when the count cannot be had (the guard then fails open). */
  hit(subject: string): Promise<{ count: number; resetInMs: number }>;
}
