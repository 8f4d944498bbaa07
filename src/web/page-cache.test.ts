import { describe, expect, it } from 'vitest';
import { PageCache } from './page-cache.ts';

describe('page cache', () => {
  it('renders once per stamp and again when the stamp changes', async () => {
    const cache = new PageCache();
    let renders = 0;
    const render = async () => `page ${++renders}`;
    expect(await cache.through('da:/', 'v1', render)).toBe('page 1');
    expect(await cache.through('da:/', 'v1', render)).toBe('page 1');
    expect(await cache.through('da:/', 'v2', render)).toBe('page 2');
    expect(await cache.through('en:/', 'v2', render)).toBe('page 3');
    expect(cache.hits).toBe(1);
    expect(cache.misses).toBe(3);
  });

  it('keeps at most its limit, dropping the oldest', async () => {
    const cache = new PageCache(2);
    for (const key of ['a', 'b', 'c']) await cache.through(key, 's', async () => key);
    expect(cache.size).toBe(2);
    let rendered = false;
    await cache.through('a', 's', async () => {
      rendered = true;
      return 'a';
    });
    expect(rendered).toBe(true);
  });

  it('caches nothing when rendering fails', async () => {
    const cache = new PageCache();
    await expect(cache.through('k', 's', async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(cache.size).toBe(0);
  });
});
