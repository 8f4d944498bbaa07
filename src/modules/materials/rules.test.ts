import { describe, expect, it } from 'vitest';
import type { Membership } from '../people/service.ts';
import {
  inScope,
  isNewSince,
  kindsFor,
  mayAddAnything,
  mayAddMaterial,
  mayEditMaterial,
  mayHideMaterial,
  mayMarkReuse,
  maySeeMaterial,
  newestFirst,
  timelineScope,
} from './rules.ts';
import { MATERIAL_KINDS, type MaterialKind } from './table.ts';

// Every rule for every kind of person: S1 is the session the expert presents and the substitute attends, S2
// another session of the same series.

const S1 = 's1';
const S2 = 's2';
const ME = 'me';
const OTHER = 'other';

function member(roles: Membership['roles'], extra: Partial<Membership> = {}): Membership {
  return {
    seriesId: 'x',
    seriesSlug: 'x',
    roles,
    expertSessionIds: [],
    substituteSessionIds: [],
    registration: null,
    ...extra,
  };
}

const PEOPLE = {
  organiser: member(['organiser']),
  facilitator: member(['facilitator']),
  expert: member(['expert'], { expertSessionIds: [S1] }),
  participant: member(['participant'], {
    registration: { status: 'confirmed', position: null, awaitingUntil: null },
  }),
  substitute: member(['substitute'], { substituteSessionIds: [S1] }),
  waitlisted: member([], { registration: { status: 'waitlisted', position: 1, awaitingUntil: null } }),
  awaiting: member([], { registration: { status: 'awaiting', position: null, awaitingUntil: '2026-01-01' } }),
  none: null,
} as const;
type Who = keyof typeof PEOPLE;
const ALL = Object.keys(PEOPLE) as Who[];
const who = (names: Who[]) => ALL.filter((w) => names.includes(w)).sort();
const where = (test: (m: Membership | null) => boolean) => ALL.filter((w) => test(PEOPLE[w])).sort();

const material = (sessionId: string | null, extra: { hidden?: boolean; addedBy?: string | null } = {}) => ({
  sessionId,
  hidden: extra.hidden ?? false,
  addedBy: extra.addedBy ?? OTHER,
});

describe('maySeeMaterial', () => {
  it('shows a session’s material to every member who sees the session, a substitute only theirs', () => {
    expect(where((m) => maySeeMaterial(m, material(S1), ME))).toEqual(
      who(['organiser', 'facilitator', 'expert', 'participant', 'substitute']),
    );
    expect(where((m) => maySeeMaterial(m, material(S2), ME))).toEqual(
      who(['organiser', 'facilitator', 'expert', 'participant']),
    );
  });

  it('shows the series’ own material to every member but a substitute', () => {
    expect(where((m) => maySeeMaterial(m, material(null), ME))).toEqual(
      who(['organiser', 'facilitator', 'expert', 'participant']),
    );
  });

  it('shows a hidden material only to the organiser, the facilitator and the one who added it', () => {
    expect(where((m) => maySeeMaterial(m, material(S1, { hidden: true }), ME))).toEqual(
      who(['organiser', 'facilitator']),
    );
    expect(where((m) => maySeeMaterial(m, material(S1, { hidden: true, addedBy: ME }), ME))).toEqual(
      who(['organiser', 'facilitator', 'expert', 'participant', 'substitute']),
    );
    // The one who added it still needs to see the place: a substitute's own hidden link in S2 does not exist.
    expect(maySeeMaterial(PEOPLE.substitute, material(S2, { hidden: true, addedBy: ME }), ME)).toBe(false);
  });

  it('never shows anything to people without a role', () => {
    for (const w of ['waitlisted', 'awaiting', 'none'] as const) {
      for (const s of [S1, S2, null])
        expect(maySeeMaterial(PEOPLE[w], material(s, { addedBy: ME }), ME)).toBe(false);
    }
  });

  it('a person with a role and a substitute grant sees as the wider role', () => {
    const both = member(['participant', 'substitute'], { substituteSessionIds: [S1] });
    expect(maySeeMaterial(both, material(S2), ME)).toBe(true);
    expect(maySeeMaterial(both, material(null), ME)).toBe(true);
  });
});

describe('mayAddMaterial', () => {
  const allowed = (s: string | null, kind: MaterialKind) => where((m) => mayAddMaterial(m, s, kind) !== null);
  const shared = (s: string | null, kind: MaterialKind) =>
    where((m) => mayAddMaterial(m, s, kind)?.shared === true);

  it('lets the organiser and the facilitator add any kind anywhere, as staff', () => {
    for (const kind of MATERIAL_KINDS) {
      for (const s of [S1, S2, null]) {
        expect(mayAddMaterial(PEOPLE.organiser, s, kind)).toEqual({ shared: false });
        expect(mayAddMaterial(PEOPLE.facilitator, s, kind)).toEqual({ shared: false });
      }
    }
  });

  it('lets an expert add any kind to their own session only', () => {
    for (const kind of MATERIAL_KINDS) {
      expect(mayAddMaterial(PEOPLE.expert, S1, kind)).toEqual({ shared: false });
      expect(mayAddMaterial(PEOPLE.expert, S2, kind)).toBeNull();
      expect(mayAddMaterial(PEOPLE.expert, null, kind)).toBeNull();
    }
  });

  it('lets a participant share a link or a file anywhere, and a substitute in their session', () => {
    for (const kind of ['article', 'podcast', 'video', 'document'] as const) {
      expect(allowed(S1, kind)).toEqual(
        who(['organiser', 'facilitator', 'expert', 'participant', 'substitute']),
      );
      expect(allowed(S2, kind)).toEqual(who(['organiser', 'facilitator', 'participant']));
      expect(allowed(null, kind)).toEqual(who(['organiser', 'facilitator', 'participant']));
      expect(shared(S1, kind)).toEqual(who(['participant', 'substitute']));
      expect(shared(null, kind)).toEqual(who(['participant']));
    }
  });

  it('keeps literature and notes to the staff and the session’s expert', () => {
    for (const kind of ['literature', 'note'] as const) {
      expect(allowed(S1, kind)).toEqual(who(['organiser', 'facilitator', 'expert']));
      expect(allowed(S2, kind)).toEqual(who(['organiser', 'facilitator']));
      expect(allowed(null, kind)).toEqual(who(['organiser', 'facilitator']));
    }
  });

  it('gives nothing to people without a role', () => {
    for (const w of ['waitlisted', 'awaiting', 'none'] as const) {
      for (const kind of MATERIAL_KINDS)
        for (const s of [S1, S2, null]) expect(mayAddMaterial(PEOPLE[w], s, kind)).toBeNull();
      expect(mayAddAnything(PEOPLE[w], S1)).toBe(false);
    }
  });

  it('lists the kinds a person may add in a place', () => {
    expect(kindsFor(PEOPLE.participant, S1, MATERIAL_KINDS)).toEqual([
      'article',
      'podcast',
      'video',
      'document',
    ]);
    expect(kindsFor(PEOPLE.expert, S1, MATERIAL_KINDS)).toEqual([...MATERIAL_KINDS]);
    expect(kindsFor(PEOPLE.expert, S2, MATERIAL_KINDS)).toEqual([]);
    expect(where((m) => mayAddAnything(m, null))).toEqual(who(['organiser', 'facilitator', 'participant']));
  });
});

describe('mayEditMaterial', () => {
  it('lets the one who added it and the organiser edit, nobody else', () => {
    expect(where((m) => mayEditMaterial(m, material(S1, { addedBy: OTHER }), ME))).toEqual(
      who(['organiser']),
    );
    expect(where((m) => mayEditMaterial(m, material(S1, { addedBy: ME }), ME))).toEqual(
      who(['organiser', 'facilitator', 'expert', 'participant', 'substitute']),
    );
  });

  it('needs the material to be visible to them', () => {
    expect(mayEditMaterial(PEOPLE.substitute, material(S2, { addedBy: ME }), ME)).toBe(false);
    expect(mayEditMaterial(PEOPLE.waitlisted, material(S1, { addedBy: ME }), ME)).toBe(false);
    // The demo's materials have no account behind them: only the organiser edits those.
    expect(where((m) => mayEditMaterial(m, material(S1, { addedBy: null }), ME))).toEqual(who(['organiser']));
  });
});

describe('mayHideMaterial and mayMarkReuse', () => {
  it('lets the organiser and the facilitator hide what a member shared, only that', () => {
    expect(where((m) => mayHideMaterial(m, { shared: true }))).toEqual(who(['organiser', 'facilitator']));
    expect(where((m) => mayHideMaterial(m, { shared: false }))).toEqual([]);
  });

  it('lets the organiser and the facilitator mark for reuse', () => {
    expect(where((m) => mayMarkReuse(m))).toEqual(who(['organiser', 'facilitator']));
  });
});

describe('isNewSince and newestFirst', () => {
  it('marks what others added after the previous visit; nothing on a first visit', () => {
    const m = { createdAt: '2026-03-02T10:00:00.000Z', addedBy: OTHER };
    expect(isNewSince(m, '2026-03-01T10:00:00.000Z', ME)).toBe(true);
    expect(isNewSince(m, '2026-03-02T10:00:00.000Z', ME)).toBe(false);
    expect(isNewSince(m, '2026-03-03T10:00:00.000Z', ME)).toBe(false);
    expect(isNewSince(m, null, ME)).toBe(false);
    expect(isNewSince({ ...m, addedBy: ME }, '2026-03-01T10:00:00.000Z', ME)).toBe(false);
  });

  it('puts the newest first, the same instant by title', () => {
    const items = [
      { createdAt: '2026-01-01', title: 'b' },
      { createdAt: '2026-02-01', title: 'c' },
      { createdAt: '2026-01-01', title: 'a' },
    ];
    expect(newestFirst(items).map((i) => i.title)).toEqual(['c', 'a', 'b']);
  });
});

describe('timelineScope', () => {
  it('loads exactly what maySeeMaterial shows, for every person and every kind of material', () => {
    for (const w of ALL) {
      const m = PEOPLE[w];
      const scope = timelineScope(m);
      for (const sessionId of [S1, S2, null]) {
        for (const hidden of [false, true]) {
          for (const addedBy of [ME, OTHER, null]) {
            const facts = { sessionId, hidden, addedBy };
            const loaded = scope !== null && inScope(scope, facts, ME);
            expect(loaded, `${w} ${JSON.stringify(facts)}`).toBe(maySeeMaterial(m, facts, ME));
          }
        }
      }
    }
  });
});
