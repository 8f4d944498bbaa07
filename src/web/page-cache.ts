// Rendered pages kept in memory, each with the stamp of the data it was drawn from. A request asks the
// database for the current stamp (one cheap query) and re-renders only when it changed, so seats-left is
// always live even when several instances share one PostgreSQL.
//
// The app keeps pages as the bytes it sends (PageCache<SharedPage>: the bytes for a visitor who is not signed
// in, and the page split around the account menu for one who is), so a hit does not encode the page again.

interface Entry<Page> {
  stamp: string;
  html: Page;
}

export class PageCache<Page = string> {
  private readonly entries = new Map<string, Entry<Page>>();
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries = 500) {}

  async through(key: string, stamp: string, render: () => Promise<Page>): Promise<Page> {
    const found = this.entries.get(key);
    if (found && found.stamp === stamp) {
      this.hits++;
      return found.html;
    }
    this.misses++;
    const html = await render();
    if (this.entries.size >= this.maxEntries && !found) {
      // Oldest first: Map keeps insertion order.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { stamp, html });
    return html;
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
