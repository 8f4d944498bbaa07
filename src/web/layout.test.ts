import { describe, expect, it } from 'vitest';
import { type PageContext, pageFor, renderPage, sharedPage } from './layout.tsx';

// A shared page is the page with a slot for the account menu: filled for a visitor, it is exactly the page
// rendered for that visitor.

const site = { name: 'Holdet', street: '', postalCode: '', city: '', cvr: '', email: '', phone: '' };
const base: PageContext = { lang: 'da', path: '/serier/x', site, viewer: null };
const render = (ctx: PageContext) => renderPage({ ctx, title: 'Side', children: 'indhold' });

describe('shared pages', () => {
  it('fill the slot with the menu the visitor would get on a page of their own', () => {
    const shared = sharedPage(render({ ...base, accountSlot: true }), base);
    expect(pageFor(shared, base).toString()).toBe(render(base));
    for (const viewer of [
      { name: 'Ane', staff: false },
      { name: 'Bo <b> & co', staff: true },
    ]) {
      const ctx = { ...base, viewer };
      expect(pageFor(shared, ctx).toString()).toBe(render(ctx));
    }
  });

  it('refuses a page rendered without the slot', () => {
    expect(() => sharedPage(render(base), base)).toThrow(/accountSlot/);
  });

  it('shows the back office only to staff, and the slot never reaches a page', () => {
    const staff = render({ ...base, viewer: { name: 'Bo', staff: true } });
    const participant = render({ ...base, viewer: { name: 'Ane', staff: false } });
    expect(staff).toContain('<a href="/arrangoer">Arrangør</a>');
    expect(participant).not.toContain('/arrangoer');
    expect(staff + participant + render(base)).not.toContain('holdet-account-slot');
  });
});
