import { expect, it } from 'vitest';
import { calendarsOf } from '../../../test/calendar.ts';
import { describeEachDialect } from '../../../test/db.ts';
import { bumpVersion, SLUG_2027, seriesIdOf } from '../../../test/fixtures.ts';
import { registrationTestDeps } from '../../../test/registration.ts';
import { confirmedMail } from '../registration/emails.ts';
import { mailContextFor } from '../registration/mail-context.ts';
import { seatCounts } from '../registration/service.ts';
import { attendeeSessions, seriesPage } from './service.ts';

// The attendees' view of a series' sessions (meeting link, SEQUENCE, status) on both databases, and the
// confirmation built from it: per session SEQUENCE, a cancelled session left out, the link only when
// online, and the mail context kept per series id:version.

describeEachDialect('attendee sessions', (getDb) => {
  it("lists every session in order with its place (own venue, else the series'), mode, sequence and status", async () => {
    const { db } = getDb();
    const seriesId = await seriesIdOf(db, SLUG_2027);
    const da = await attendeeSessions(db, seriesId, 'da');
    expect(da.map((s) => s.ordinal)).toEqual([1, 2, 3, 4]);
    for (const s of da) {
      expect(s).toMatchObject({ mode: 'in_person', meetingUrl: null, sequence: 0, status: 'scheduled' });
      expect(s.place).toBe('Væksthuset, Glentevej 67, 2400 København NV');
      expect(s.startsAt).toMatch(/^2027-\d\d-\d\dT\d\d:\d\d:00\.000Z$/);
    }
    const en = await attendeeSessions(db, seriesId, 'en');
    expect(en.map((s) => s.id)).toEqual(da.map((s) => s.id));
    expect(en[0]?.question).not.toBe(da[0]?.question);
    expect(await attendeeSessions(db, '00000000-0000-4000-8000-000000000000', 'da')).toEqual([]);
  });

  it('hands out the meeting link only while the session is online; the confirmation follows the version', async () => {
    const database = getDb();
    const { db } = database;
    const seriesId = await seriesIdOf(db, SLUG_2027);
    const { deps } = registrationTestDeps(database);
    const series = async () =>
      db
        .selectFrom('series')
        .select(['id', 'slug', 'version'])
        .where('id', '=', seriesId)
        .executeTakeFirstOrThrow();
    const confirmation = async () => {
      const made = await mailContextFor(db, deps, await series());
      if (!made) throw new Error('no mail context');
      const c = made('mette.hojgaard@example.dk', 'Mette Højgaard', 'da');
      return confirmedMail({ ...c, publicBuyer: false, priceExclOre: 1, priceInclOre: 1 });
    };
    const uids = (mail: ReturnType<typeof confirmedMail>) =>
      calendarsOf(mail.attachments).map(({ events: [event] }) => ({
        uid: event?.uid,
        sequence: Number(event?.sequence),
        location: event?.location,
      }));

    const before = await confirmation();
    expect(uids(before).map((u) => u.sequence)).toEqual([0, 0, 0, 0]);

    const [s1, s2, s3] = await attendeeSessions(db, seriesId, 'da');
    if (!s1 || !s2 || !s3) throw new Error('sessions');
    await db
      .updateTable('session')
      .set({ mode: 'online', meeting_url: 'https://meet.example.dk/s2', sequence: 2 })
      .where('id', '=', s2.id)
      .execute();
    await db
      .updateTable('session')
      .set({ status: 'cancelled', cancelled_at: '2026-03-01T10:00:00.000Z', sequence: 1 })
      .where('id', '=', s3.id)
      .execute();
    // A link left from an earlier online spell is not handed out.
    await db
      .updateTable('session')
      .set({ meeting_url: 'https://meet.example.dk/old' })
      .where('id', '=', s1.id)
      .execute();

    // The mail context is kept per id:version: the same until the version is bumped.
    expect(uids(await confirmation())).toEqual(uids(before));
    await bumpVersion(db, seriesId);

    const now = await attendeeSessions(db, seriesId, 'da');
    expect(now.map((s) => [s.ordinal, s.mode, s.meetingUrl, s.sequence, s.status, s.place])).toEqual([
      [1, 'in_person', null, 0, 'scheduled', 'Væksthuset, Glentevej 67, 2400 København NV'],
      [2, 'online', 'https://meet.example.dk/s2', 2, 'scheduled', 'Online'],
      [3, 'in_person', null, 1, 'cancelled', 'Væksthuset, Glentevej 67, 2400 København NV'],
      [4, 'in_person', null, 0, 'scheduled', 'Væksthuset, Glentevej 67, 2400 København NV'],
    ]);

    const after = await confirmation();
    expect(after.attachments?.map((a) => a.filename)).toEqual([
      'session-1.ics',
      'session-2.ics',
      'session-4.ics',
    ]);
    const files = uids(after);
    expect(files.map((f) => f.uid)).toEqual([0, 1, 3].map((i) => uids(before)[i]?.uid));
    expect(files.map((f) => f.sequence)).toEqual([0, 2, 0]);
    expect(files[1]?.location).toBe('Online');
    expect(after.text).toContain('mødelink: https://meet.example.dk/s2');
    expect(after.text).toContain('– aflyst');
    expect(after.text).not.toContain('meet.example.dk/old');

    // Never on the public page.
    const page = await seriesPage(db, SLUG_2027, 'da', deps.clock.now(), seatCounts);
    expect(JSON.stringify(page)).not.toContain('meet.example.dk');
  });
});
