/**
 * What the renderer remembers between screens. Cleared on lock, so a locked app
 * holds nothing read from the database. `entryCount` is published on
 * `window.plwClientCache` for the e2e check of exactly that (a count, never data).
 */
class ClientCache {
  private readonly entries = new Map<string, unknown>();

  get(key: string): unknown {
    return this.entries.get(key);
  }

  set(key: string, value: unknown): void {
    this.entries.set(key, value);
  }

  invalidate(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get entryCount(): number {
    return this.entries.size;
  }
}

export const clientCache = new ClientCache();

Object.defineProperty(window, 'plwClientCache', {
  value: Object.freeze({ entryCount: () => clientCache.entryCount }),
  configurable: false,
  writable: false,
});
