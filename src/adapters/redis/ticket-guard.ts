import { FollowUpCorruptError, FollowUpUnavailableError } from '../../app/follow-up/ticket-store.js';

/**
 * Runs one operation of the follow-up records: a Redis failure (unreachable, timed out, an error reply)
 * surfaces as FollowUpUnavailableError, which the features turn into "can't take requests right now"; data
 * that cannot be read surfaces as FollowUpCorruptError, as it is.
 */
export async function guarded<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof FollowUpCorruptError) throw error;
    throw new FollowUpUnavailableError(operation, error);
  }
}
