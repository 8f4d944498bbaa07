import { describe, expect, it } from 'vitest';
import { mayDownloadOwnDocument } from './rules.ts';

describe('who may download a document from Min side', () => {
  const mine = { accountId: 'a1' };
  it('lets the participant the document was issued for', () => {
    expect(mayDownloadOwnDocument({ accountId: 'a1', staff: false }, mine)).toBe(true);
  });
  it('refuses anyone else, staff included (they use the back office)', () => {
    expect(mayDownloadOwnDocument({ accountId: 'a2', staff: false }, mine)).toBe(false);
    expect(mayDownloadOwnDocument({ accountId: 'a2', staff: true }, mine)).toBe(false);
  });
  it('refuses everyone a document with no account (issued before the account existed)', () => {
    expect(mayDownloadOwnDocument({ accountId: 'a1', staff: false }, { accountId: null })).toBe(false);
  });
});
