import { describe, expect, it } from 'vitest';
import type { SessionForEditing } from '../series/service.ts';
import {
  meetingUrl,
  parseCancelNote,
  parseInPersonForm,
  parseOnlineForm,
  parseSessionForm,
  sessionValues,
} from './session-forms.ts';

const choices = { experts: ['p1', 'p2'], venues: ['v1'] };
const valid = {
  questionDa: ' Hvad virker? ',
  questionEn: 'What works?',
  descriptionDa: '',
  descriptionEn: '',
  expertId: 'p1',
  day: '29.3.2027',
  startTime: '10.00',
  endTime: '12:30',
  mode: 'in_person',
  venueId: '',
  meetingUrl: '',
};

const session: SessionForEditing = {
  id: 's1',
  seriesId: 'x1',
  seriesSlug: 'serie',
  facilitatorId: null,
  seriesVenueId: 'v1',
  ordinal: 2,
  status: 'scheduled',
  sequence: 0,
  questionDa: 'Hvad virker?',
  questionEn: 'What works?',
  descriptionDa: '',
  descriptionEn: '',
  expertId: 'p1',
  startsAt: '2027-03-26T09:00:00.000Z',
  endsAt: '2027-03-26T11:30:00.000Z',
  mode: 'in_person',
  venueId: null,
  meetingUrl: null,
};

describe('the session form', () => {
  it('stores Copenhagen wall-clock times as UTC, right after the change to summer time', () => {
    const parsed = parseSessionForm(valid, choices, 'da');
    expect(parsed.ok && parsed.fields).toEqual({
      questionDa: 'Hvad virker?',
      questionEn: 'What works?',
      descriptionDa: '',
      descriptionEn: '',
      expertId: 'p1',
      startsAt: '2027-03-29T08:00:00.000Z',
      endsAt: '2027-03-29T10:30:00.000Z',
      mode: 'in_person',
      venueId: null,
      meetingUrl: null,
    });
    // Before the change (winter time) the same wall clock is an hour later in UTC.
    const winter = parseSessionForm({ ...valid, day: '26.3.2027' }, choices, 'da');
    expect(winter.ok && winter.fields.startsAt).toBe('2027-03-26T09:00:00.000Z');
  });

  it('names each field it refuses, in Danish, and keeps what was typed', () => {
    const parsed = parseSessionForm(
      {
        questionDa: '',
        questionEn: ' ',
        expertId: 'nobody',
        day: '31.2.2027',
        startTime: '25:00',
        endTime: '',
        mode: 'hybrid',
        venueId: 'elsewhere',
      },
      choices,
      'da',
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({
      questionDa: 'Udfyld spørgsmålet på dansk.',
      questionEn: 'Udfyld spørgsmålet på engelsk.',
      expertId: 'Vælg en ekspert fra listen.',
      day: 'Skriv datoen som dag.måned.år, for eksempel 7.6.2027.',
      startTime: 'Skriv starttidspunktet som timer:minutter, for eksempel 10:00.',
      endTime: 'Udfyld sluttidspunktet.',
      mode: 'Vælg fremmøde eller online.',
      venueId: 'Vælg et sted fra listen.',
    });
    expect(parsed.values.day).toBe('31.2.2027');
    expect(parsed.values.expertId).toBe('nobody');
  });

  it('wants the end after the start, and an https link for an online session', () => {
    const late = parseSessionForm({ ...valid, endTime: '09:00' }, choices, 'da');
    expect(!late.ok && late.errors.endTime).toBe('Sluttidspunktet skal ligge efter starttidspunktet.');
    const noLink = parseSessionForm({ ...valid, mode: 'online' }, choices, 'da');
    expect(!noLink.ok && noLink.errors.meetingUrl).toBe('Udfyld linket til onlinemødet.');
    const http = parseSessionForm(
      { ...valid, mode: 'online', meetingUrl: 'http://møde.dk/x' },
      choices,
      'en',
    );
    expect(!http.ok && http.errors.meetingUrl).toBe(
      'The meeting link must be a valid address that starts with https://.',
    );
    const online = parseSessionForm(
      { ...valid, mode: 'online', venueId: 'v1', meetingUrl: ' https://meet.example.dk/abc?pwd=1 ' },
      choices,
      'da',
    );
    expect(online.ok && [online.fields.venueId, online.fields.meetingUrl]).toEqual([
      null,
      'https://meet.example.dk/abc?pwd=1',
    ]);
  });

  it('refuses a link that is no address, and text that is too long', () => {
    expect(meetingUrl('https://')).toBeNull();
    expect(meetingUrl('https://localhost/x')).toBeNull();
    expect(meetingUrl('javascript:alert(1)')).toBeNull();
    expect(meetingUrl('https://teams.microsoft.com/l/meetup-join/1')).toBe(
      'https://teams.microsoft.com/l/meetup-join/1',
    );
    const long = parseSessionForm({ ...valid, questionDa: 'x'.repeat(201) }, choices, 'da');
    expect(!long.ok && long.errors.questionDa).toBe('Spørgsmål (dansk) må højst have 200 tegn.');
  });

  it('refuses a NUL byte in any field, naming the field (PostgreSQL cannot store it)', () => {
    const parsed = parseSessionForm(
      { ...valid, questionEn: 'What\u0000', descriptionDa: 'x\u0000' },
      choices,
      'da',
    );
    expect(!parsed.ok && parsed.errors).toEqual({
      questionEn: 'Spørgsmål (engelsk) indeholder et tegn, der ikke kan bruges. Skriv feltet igen.',
      descriptionDa: 'Beskrivelse (dansk) indeholder et tegn, der ikke kan bruges. Skriv feltet igen.',
    });
    const note = parseCancelNote({ note: 'syg\u0000' }, 'da');
    expect(!note.ok && note.error).toMatch(/^Besked til deltagerne indeholder/);
    const link = parseOnlineForm({ meetingUrl: 'https://x.dk/\u0000' }, session, 'da');
    expect(!link.ok && link.errors.meetingUrl).toMatch(/^Link til onlinemødet indeholder/);
  });

  it('fills the form from a saved session in Copenhagen time', () => {
    expect(sessionValues(session)).toMatchObject({
      day: '26.3.2027',
      startTime: '10:00',
      endTime: '12:30',
      venueId: '',
    });
  });
});

describe('the one-purpose forms', () => {
  it('moves a session online with only a link, and back with a venue from the list', () => {
    const online = parseOnlineForm({ meetingUrl: 'https://meet.example.dk/1' }, session, 'da');
    expect(online.ok && online.fields).toMatchObject({
      mode: 'online',
      meetingUrl: 'https://meet.example.dk/1',
      venueId: null,
      startsAt: session.startsAt,
    });
    const empty = parseOnlineForm({}, session, 'da');
    expect(!empty.ok && empty.errors.meetingUrl).toBe('Udfyld linket til onlinemødet.');
    const back = parseInPersonForm(
      { venueId: 'v1' },
      { ...session, mode: 'online', meetingUrl: 'https://x.dk/1' },
      ['v1'],
      'da',
    );
    expect(back.ok && back.fields).toMatchObject({ mode: 'in_person', venueId: 'v1', meetingUrl: null });
    const nowhere = parseInPersonForm({ venueId: 'v9' }, session, ['v1'], 'da');
    expect(!nowhere.ok && nowhere.errors.venueId).toBe('Vælg et sted fra listen.');
  });

  it('takes an optional note with a cancellation, at most 2000 characters', () => {
    expect(parseCancelNote({ note: ' Eksperten er syg. ' }, 'da')).toEqual({
      ok: true,
      note: 'Eksperten er syg.',
    });
    expect(parseCancelNote(undefined, 'da')).toEqual({ ok: true, note: '' });
    const long = parseCancelNote({ note: 'x'.repeat(2001) }, 'da');
    expect(long.ok).toBe(false);
  });
});
