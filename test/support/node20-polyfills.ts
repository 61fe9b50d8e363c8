/**
 * vitest 5 calls Map.groupBy and Object.groupBy (Node 21+) in its reporters; on Node 20, the project's runtime, a
 * failing test would crash the reporter instead of being printed. These minimal versions fill the gap; they are
 * only defined where the runtime lacks them.
 */
type KeyOf<T, K> = (item: T, index: number) => K;

function group<T, K>(items: Iterable<T>, keyOf: KeyOf<T, K>): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  let index = 0;
  for (const item of items) {
    const key = keyOf(item, index++);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

const mapCtor = Map as unknown as { groupBy?: unknown };
mapCtor.groupBy ??= group;

const objectCtor = Object as unknown as { groupBy?: unknown };
objectCtor.groupBy ??= <T>(items: Iterable<T>, keyOf: KeyOf<T, PropertyKey>) =>
  Object.assign(Object.create(null), Object.fromEntries(group(items, keyOf)));
