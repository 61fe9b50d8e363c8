/** An age reduced to one unit, for lines like "waiting · 5 min". Translation happens in the app. */
export interface Age {
  unit: 'minutes' | 'hours' | 'days';
  count: number;
}

/** Rounds down to the largest unit that is at least 1; under a minute counts as 0 minutes ("just now"). */
export function ageOf(createdAt: number, now: number): Age {
  const minutes = Math.max(0, Math.floor((now - createdAt) / 60_000));
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: 'hours', count: hours };
  return { unit: 'days', count: Math.floor(hours / 24) };
}
