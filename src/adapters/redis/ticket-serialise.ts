import type { StaffMessageTarget } from '../../app/follow-up/staff-chat-records.js';
import type { WorkItem } from '../../app/follow-up/work-items.js';
import { parseStored } from './ticket-codec.js';

/** Outbox entries as the scripts take them: [work id, JSON of the item]. */
export function workEntries(work: WorkItem[]): [string, string][] {
  return work.map((item) => [item.id, JSON.stringify(item)]);
}

export function readWork(json: string): WorkItem {
  return parseStored<WorkItem>(json, 'outbox entry');
}

/** "t:1042" for a ticket's own message, "d:1042,1043" for a digest. */
export function writeStaffTarget(target: StaffMessageTarget): string {
  return target.kind === 'ticket' ? `t:${target.number}` : `d:${target.numbers.join(',')}`;
}

export function readStaffTarget(value: string | null): StaffMessageTarget | null {
  if (!value) return null;
  const [kind, list = ''] = value.split(':');
  const numbers = list.split(',').map(Number).filter(Number.isInteger);
  if (kind === 't' && numbers.length === 1) return { kind: 'ticket', number: numbers[0]! };
  if (kind === 'd' && numbers.length > 0) return { kind: 'digest', numbers };
  return null;
}
