/**
 * A small LRU of query results, for a store whose data cannot change under
 * it (the embedded store keeps one per opened publication and drops it with
 * that publication). Large results are not kept, so memory stays bounded.
 */
export class ResultCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(
    private readonly maxEntries = 512,
    private readonly maxRows = 10_000,
  ) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Map keeps insertion order: re-inserting marks it most recently used.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V, rows: number): void {
    if (rows > this.maxRows) return;
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}
