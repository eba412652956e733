/**
 * `make` with its answers kept by key, up to `limit` keys, then forgotten all at once and kept again:
 * test suites send a handful of keys over and over, while a flood of new ones must not grow memory
 * without end.
 */
export function boundedMemo<V>(limit: number, make: (key: string) => V): (key: string) => V {
  const kept = new Map<string, V>();
  return (key) => {
    let value = kept.get(key);
    if (value === undefined) {
      if (kept.size >= limit) kept.clear();
      kept.set(key, (value = make(key)));
    }
    return value;
  };
}
