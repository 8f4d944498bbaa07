import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import type { Database } from '../src/db/database.ts';
import { ensureAccount } from '../src/modules/auth/service.ts';
import { storeBytes } from '../src/modules/files/service.ts';
import { demoPdf } from '../src/modules/materials/demo.ts';
import { addMaterial, type MaterialFields } from '../src/modules/materials/service.ts';
import { DEMO_ANNOUNCEMENT_TITLE } from '../src/modules/messages/demo.ts';
import { DEMO_PEOPLE } from '../src/modules/people/demo.ts';
import { grantRole } from '../src/modules/people/service.ts';
import { askQuestion, replyTo } from '../src/modules/questions/service.ts';
import { parseRegistration } from '../src/modules/registration/schemas.ts';
import { register } from '../src/modules/registration/service.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { testConfig } from './app.ts';
import { uniqueEmail } from './auth.ts';
import { Browser, organiserBrowser, pendingOrganiserBrowser, sessionOf } from './browser.ts';
import { describeEachDialect, TEST_NOW } from './db.ts';
import { SLUG_2021, SLUG_2027, setSeriesStatus } from './fixtures.ts';
import { registerConfirmed, registrationTestDeps, validForm } from './registration.ts';

// THE authorisation matrix: every route the app registers (read from Fastify's route table as the app is
// built, so a new route cannot be forgotten) × every kind of person, and the answer each must get.
//
//   200 / 303 / 400 / …  that status (the handler ran; 303 elsewhere than the sign-in page)
//   'sign-in'            the gate sent a stranger to sign in: GET → 303 to /log-ind?next=…, POST → 401
//   403                  the gate refused a signed-in person
//   404                  nothing here for this person (the gate or the module's rules hide it)
//
// POSTs are sent with a valid CSRF token and an empty form: an allowed person reaches the handler, which
// refuses the empty form or answers it; nobody else gets that far.

type Actor =
  | 'anonymous'
  | 'awaiting'
  | 'waitlisted'
  | 'participant'
  | 'otherSeries'
  | 'substitute'
  | 'otherSubstitute'
  | 'expert'
  | 'facilitator'
  | 'organiser'
  | 'pending';

/**
 * `substitute`: substitute for the 2027 hold's first session; `otherSubstitute`: for its second. `expert`: the
 * demo's expert of the first session (Dorte Caswell); `facilitator`: the demo's facilitator (Leif Tøfting
 * Kongsgaard, who is also the fourth session's expert).
 */
const ACTORS: readonly Actor[] = [
  'anonymous',
  'awaiting',
  'waitlisted',
  'participant',
  'otherSeries',
  'substitute',
  'otherSubstitute',
  'expert',
  'facilitator',
  'organiser',
  'pending',
];

type Answer = number | 'sign-in';
/**
 * `pending`: an organiser half signed in (the mail's link done, the second factor not yet). Nobody is signed
 * in yet, so unless a row says otherwise the answer is the stranger's.
 */
type Expect = Record<Exclude<Actor, 'pending'>, Answer> & { pending?: Answer };

/** Ids and slugs the URLs are made from, created once per database. */
interface Fixture {
  participantRegistrationId: string;
  participantInvoiceId: string;
  waitlistedRegistrationId: string;
  personSlug: string;
  /** The public person linked to the expert's account (their own profile). */
  expertPersonSlug: string;
  /** The demo's venue (Væksthuset). */
  venueId: string;
  mailId: string;
  /** The 2027 hold's third session (nobody in the matrix holds a role in it). */
  sessionId: string;
  /** Materials of the 2027 hold: a PDF document the expert added to the first session, a note for the whole
   * series the organiser added, and a link the participant shared in the first session. */
  materialInSession: string;
  materialSeriesWide: string;
  materialShared: string;
  /** The demo's announcement from the facilitator to the 2027 hold's participants. */
  announcementId: string;
  /** The demo's private thread (the second session's expert with the organiser). */
  threadId: string;
  /** A question the participant asked the experts about the 2027 hold's first session (with the expert's reply), and its opening post. */
  question: string;
  questionPost: string;
  /** The demo's anonymous dilemma on the 2027 hold's first session, one point of that agenda, the session, and the
   * 2021 hold's last session (begun long ago: its follow-up form opens). */
  dilemma: string;
  agendaItem: string;
  agendaSession: string;
  pastSession: string;
}

interface Row {
  /** `METHOD /path/:param` exactly as Fastify lists it. */
  route: string;
  url: (f: Fixture) => string;
  /** What a POST sends besides the CSRF token (empty when not given). */
  form?: Record<string, string>;
  expect: Expect;
}

/** Everyone; a pending sign-in gets the stranger's answer unless a row names it (`pending: …`). */
const all = (answer: Answer): Expect =>
  Object.fromEntries(ACTORS.filter((a) => a !== 'pending').map((a) => [a, answer])) as Expect;
const signedIn = (answer: Answer): Expect => ({ ...all(answer), anonymous: 'sign-in' });
const organiserOnly = (answer: Answer): Expect => ({
  ...all(403),
  anonymous: 'sign-in',
  organiser: answer,
});
/** The members of the 2027 hold named, each with that answer; every other signed-in person finds nothing. */
const only = (answers: Partial<Record<Actor, Answer>>): Expect => ({ ...signedIn(404), ...answers });
const MATERIALS = `/mit-hold/${SLUG_2027}/materialer`;
const MESSAGES = `/mit-hold/${SLUG_2027}/beskeder`;
const QUESTIONS = `/mit-hold/${SLUG_2027}/spoergsmaal`;
const DILEMMAS = `/mit-hold/${SLUG_2027}/dilemmaer`;
const AGENDA = `/mit-hold/${SLUG_2027}/dagsorden`;
/** The facilitator and the organiser, who keep the agenda; everyone else finds nothing there. */
const keepers = (answer: Answer): Expect => only({ facilitator: answer, organiser: answer });

/** Only the participant whose document it is; everyone else finds nothing there. */
const ownInvoice = (): Expect => ({ ...all(404), anonymous: 'sign-in', participant: 200 });

const FAKE_TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';
const INVOICE_FORMATS = ['pdf', 'oioubl.xml', 'peppol.xml'] as const;

const MATRIX: Row[] = [
  // Files and machine endpoints.
  { route: 'GET /static/dkfds/*', url: () => '/static/dkfds/css/dkfds.min.css', expect: all(200) },
  { route: 'GET /static/*', url: () => '/static/holdet.css', expect: all(200) },
  { route: 'GET /healthz', url: () => '/healthz', expect: all(200) },
  // inject() comes from 127.0.0.1: this machine may read /metrics and the dev mailbox; src/web/exposure
  // tests every other peer (404).
  { route: 'GET /metrics', url: () => '/metrics', expect: all(200) },
  { route: 'GET /udvikling/postkasse', url: () => '/udvikling/postkasse', expect: all(200) },
  { route: 'GET /udvikling/postkasse/:id', url: (f) => `/udvikling/postkasse/${f.mailId}`, expect: all(200) },
  {
    route: 'GET /udvikling/postkasse/:id/html',
    url: (f) => `/udvikling/postkasse/${f.mailId}/html`,
    expect: all(200),
  },
  {
    route: 'GET /udvikling/postkasse/:id/vedhaeftning/:n',
    url: (f) => `/udvikling/postkasse/${f.mailId}/vedhaeftning/0`,
    expect: all(404),
  },

  // Public pages.
  { route: 'GET /', url: () => '/', expect: all(200) },
  { route: 'GET /theme.css', url: () => '/theme.css', expect: all(200) },
  { route: 'GET /serier/:slug', url: () => `/serier/${SLUG_2027}`, expect: all(200) },
  {
    route: 'GET /serier/:slug/sessioner/:ordinal',
    url: () => `/serier/${SLUG_2027}/sessioner/1`,
    expect: all(200),
  },
  { route: 'GET /personer/:slug', url: (f) => `/personer/${f.personSlug}`, expect: all(200) },
  { route: 'GET /privatliv', url: () => '/privatliv', expect: all(200) },
  { route: 'GET /tilgaengelighed', url: () => '/tilgaengelighed', expect: all(200) },

  // Registration: open to anyone; an empty form is answered with its errors.
  { route: 'GET /serier/:slug/tilmelding', url: () => `/serier/${SLUG_2027}/tilmelding`, expect: all(200) },
  { route: 'POST /serier/:slug/tilmelding', url: () => `/serier/${SLUG_2027}/tilmelding`, expect: all(400) },
  { route: 'GET /tilmelding/bekraeft', url: () => '/tilmelding/bekraeft', expect: all(200) },
  { route: 'POST /tilmelding/bekraeft', url: () => '/tilmelding/bekraeft', expect: all(400) },
  {
    route: 'GET /tilmelding/bekraeft/:token',
    url: () => `/tilmelding/bekraeft/${FAKE_TOKEN}`,
    expect: all(404),
  },
  {
    route: 'POST /tilmelding/bekraeft/:token',
    url: () => `/tilmelding/bekraeft/${FAKE_TOKEN}`,
    expect: all(404),
  },

  // Signing in and out.
  { route: 'GET /log-ind', url: () => '/log-ind', expect: all(200) },
  { route: 'POST /log-ind', url: () => '/log-ind', expect: all(400) },
  { route: 'GET /log-ind/kode', url: () => '/log-ind/kode', expect: all(200) },
  { route: 'POST /log-ind/kode', url: () => '/log-ind/kode', expect: all(400) },
  { route: 'GET /log-ind/:token', url: () => `/log-ind/${FAKE_TOKEN}`, expect: all(400) },
  { route: 'POST /log-ind/:token', url: () => `/log-ind/${FAKE_TOKEN}`, expect: all(400) },
  { route: 'GET /log-ud', url: () => '/log-ud', expect: { ...all(200), anonymous: 303 } },
  { route: 'POST /log-ud', url: () => '/log-ud', expect: all(303) },
  { route: 'POST /log-ud/alle', url: () => '/log-ud/alle', expect: all(303) },
  // The second factor: without a pending sign-in there is nothing to do (signed in: on to their pages;
  // a stranger: to /log-ind); a pending organiser gets the setup page, and an empty code is refused.
  { route: 'GET /log-ind/totrin', url: () => '/log-ind/totrin', expect: { ...all(303), pending: 200 } },
  { route: 'POST /log-ind/totrin', url: () => '/log-ind/totrin', expect: all(400) },
  { route: 'POST /log-ind/totrin/opsaet', url: () => '/log-ind/totrin/opsaet', expect: all(400) },
  { route: 'GET /min-side/sikkerhed', url: () => '/min-side/sikkerhed', expect: signedIn(200) },
  // The test's organiser has set up TOTP at sign-in: nothing to confirm, back to the page.
  {
    route: 'POST /min-side/sikkerhed',
    url: () => '/min-side/sikkerhed',
    expect: { ...signedIn(400), organiser: 303 },
  },

  // Min side: any signed-in person; each sees only their own.
  { route: 'GET /min-side', url: () => '/min-side', expect: signedIn(200) },
  {
    route: 'POST /min-side/tilbud/:id',
    url: (f) => `/min-side/tilbud/${f.waitlistedRegistrationId}`,
    form: { svar: 'ja' },
    expect: { ...signedIn(404), waitlisted: 303 },
  },
  ...INVOICE_FORMATS.map(
    (format): Row => ({
      route: `GET /min-side/fakturaer/:id/${format}`,
      url: (f) => `/min-side/fakturaer/${f.participantInvoiceId}/${format}`,
      expect: ownInvoice(),
    }),
  ),

  // Mit hold: each person's series; one series' home only to those who belong to it or stand in its line
  // (what each of them sees there is src/modules/members' tests).
  { route: 'GET /mit-hold', url: () => '/mit-hold', expect: signedIn(200) },
  {
    route: 'GET /mit-hold/:slug',
    url: () => `/mit-hold/${SLUG_2027}`,
    expect: { ...signedIn(200), otherSeries: 404 },
  },
  // Search: every signed-in person searches what they may see (src/modules/search's tests say what each finds);
  // `hold` limits it to one series of theirs, and names nothing for someone who is not in it.
  {
    route: 'GET /mit-hold/sog',
    url: () => `/mit-hold/sog?q=jobcenter&hold=${SLUG_2027}`,
    expect: { ...signedIn(200), otherSeries: 404 },
  },

  // Materials (src/modules/materials, rules.ts): members of the hold only; a substitute sees their session's
  // materials and not the series' own, the other substitute neither; editing is the one who added it (the
  // expert) or the organiser's; hiding a shared one and marking for reuse the organiser's and facilitator's.
  // Empty forms are refused (400); the hide and show rows leave the shared link as it was.
  {
    route: 'GET /mit-hold/:slug/materialer/ny',
    url: () => `${MATERIALS}/ny`,
    expect: only({
      participant: 200,
      substitute: 200,
      otherSubstitute: 200,
      expert: 200,
      facilitator: 200,
      organiser: 200,
    }),
  },
  {
    route: 'POST /mit-hold/:slug/materialer/ny',
    url: () => `${MATERIALS}/ny`,
    expect: only({
      participant: 400,
      substitute: 400,
      otherSubstitute: 400,
      expert: 400,
      facilitator: 400,
      organiser: 400,
    }),
  },
  {
    route: 'GET /mit-hold/:slug/materialer/:id',
    url: (f) => `${MATERIALS}/${f.materialSeriesWide}`,
    expect: only({ participant: 200, expert: 200, facilitator: 200, organiser: 200 }),
  },
  {
    route: 'GET /mit-hold/:slug/materialer/:id/fil',
    url: (f) => `${MATERIALS}/${f.materialInSession}/fil`,
    expect: only({ participant: 200, substitute: 200, expert: 200, facilitator: 200, organiser: 200 }),
  },
  {
    route: 'GET /mit-hold/:slug/materialer/:id/rediger',
    url: (f) => `${MATERIALS}/${f.materialInSession}/rediger`,
    expect: only({ expert: 200, organiser: 200 }),
  },
  {
    route: 'POST /mit-hold/:slug/materialer/:id/rediger',
    url: (f) => `${MATERIALS}/${f.materialInSession}/rediger`,
    expect: only({ expert: 400, organiser: 400 }),
  },
  {
    route: 'GET /mit-hold/:slug/materialer/:id/slet',
    url: (f) => `${MATERIALS}/${f.materialInSession}/slet`,
    expect: only({ expert: 200, organiser: 200 }),
  },
  {
    route: 'POST /mit-hold/:slug/materialer/:id/slet',
    url: (f) => `${MATERIALS}/${f.materialInSession}/slet`,
    expect: only({ expert: 400, organiser: 400 }),
  },
  {
    route: 'POST /mit-hold/:slug/materialer/:id/skjul',
    url: (f) => `${MATERIALS}/${f.materialShared}/skjul`,
    expect: only({ facilitator: 303, organiser: 303 }),
  },
  {
    route: 'POST /mit-hold/:slug/materialer/:id/vis',
    url: (f) => `${MATERIALS}/${f.materialShared}/vis`,
    expect: only({ facilitator: 303, organiser: 303 }),
  },
  {
    route: 'POST /mit-hold/:slug/materialer/:id/genbrug',
    url: (f) => `${MATERIALS}/${f.materialInSession}/genbrug`,
    expect: only({ facilitator: 400, organiser: 400 }),
  },

  // Dilemmas (src/modules/dilemmas, rules.ts): participants, the facilitator, organisers and the expert of the
  // session a dilemma is placed on (the demo's is on the first session: the `expert`); a substitute sees the
  // agenda's titles on Mit hold but opens no dilemma; only participants put one forward. The agenda and the
  // follow-up are the facilitator's and the organiser's. Empty forms are refused (400); "discussed" before the
  // session has begun is refused (409); the follow-up opens once the session has begun (the 2021 hold's).
  {
    route: 'GET /mit-hold/:slug/dilemmaer',
    url: () => DILEMMAS,
    expect: only({ participant: 200, expert: 200, facilitator: 200, organiser: 200 }),
  },
  {
    route: 'GET /mit-hold/:slug/dilemmaer/ny',
    url: () => `${DILEMMAS}/ny`,
    expect: only({ participant: 200 }),
  },
  {
    route: 'POST /mit-hold/:slug/dilemmaer/ny',
    url: () => `${DILEMMAS}/ny`,
    expect: only({ participant: 400 }),
  },
  {
    route: 'GET /mit-hold/:slug/dilemmaer/:id',
    url: (f) => `${DILEMMAS}/${f.dilemma}`,
    expect: only({ participant: 200, expert: 200, facilitator: 200, organiser: 200 }),
  },
  {
    route: 'POST /mit-hold/:slug/dilemmaer/:id/kommentar',
    url: (f) => `${DILEMMAS}/${f.dilemma}/kommentar`,
    expect: only({ participant: 400, expert: 400, facilitator: 400, organiser: 400 }),
  },
  {
    route: 'POST /mit-hold/:slug/dilemmaer/:id/dagsorden',
    url: (f) => `${DILEMMAS}/${f.dilemma}/dagsorden`,
    expect: keepers(400),
  },
  {
    route: 'POST /mit-hold/:slug/dilemmaer/:id/droeftet',
    url: (f) => `${DILEMMAS}/${f.dilemma}/droeftet`,
    expect: keepers(409),
  },
  {
    route: 'GET /mit-hold/:slug/dagsorden/:sessionId',
    url: (f) => `${AGENDA}/${f.agendaSession}`,
    expect: keepers(200),
  },
  {
    route: 'POST /mit-hold/:slug/dagsorden/:sessionId/punkt',
    url: (f) => `${AGENDA}/${f.agendaSession}/punkt`,
    expect: keepers(400),
  },
  {
    route: 'POST /mit-hold/:slug/dagsorden/:sessionId/dilemma',
    url: (f) => `${AGENDA}/${f.agendaSession}/dilemma`,
    expect: keepers(400),
  },
  {
    route: 'POST /mit-hold/:slug/dagsorden/:sessionId/punkter/:itemId',
    url: (f) => `${AGENDA}/${f.agendaSession}/punkter/${f.agendaItem}`,
    expect: keepers(400),
  },
  {
    route: 'GET /mit-hold/:slug/dagsorden/:sessionId/opsamling',
    url: (f) => `/mit-hold/${SLUG_2021}/dagsorden/${f.pastSession}/opsamling`,
    expect: keepers(200),
  },
  {
    route: 'POST /mit-hold/:slug/dagsorden/:sessionId/opsamling',
    url: (f) => `/mit-hold/${SLUG_2021}/dagsorden/${f.pastSession}/opsamling`,
    expect: keepers(400),
  },

  // Questions (src/modules/questions, rules.ts): members of the hold; a substitute sees the questions about
  // their session (the fixture's is about the first), the other substitute not. Marking the reply that helped
  // is the asker's (the participant) and the organiser's; editing the author's; deleting the author's (within
  // 15 minutes: the fixture is as old as the clock) and the organiser's; the history theirs too. Empty forms
  // are refused (400); the empty "løst" form removes a mark that is not there (303).
  {
    route: 'GET /mit-hold/:slug/spoergsmaal',
    url: () => QUESTIONS,
    expect: only({
      participant: 200,
      substitute: 200,
      otherSubstitute: 200,
      expert: 200,
      facilitator: 200,
      organiser: 200,
    }),
  },
  {
    route: 'GET /mit-hold/:slug/spoergsmaal/ny',
    url: () => `${QUESTIONS}/ny`,
    expect: only({
      participant: 200,
      substitute: 200,
      otherSubstitute: 200,
      expert: 200,
      facilitator: 200,
      organiser: 200,
    }),
  },
  {
    route: 'POST /mit-hold/:slug/spoergsmaal/ny',
    url: () => `${QUESTIONS}/ny`,
    expect: only({
      participant: 400,
      substitute: 400,
      otherSubstitute: 400,
      expert: 400,
      facilitator: 400,
      organiser: 400,
    }),
  },
  {
    route: 'GET /mit-hold/:slug/spoergsmaal/:id',
    url: (f) => `${QUESTIONS}/${f.question}`,
    expect: only({ participant: 200, substitute: 200, expert: 200, facilitator: 200, organiser: 200 }),
  },
  {
    route: 'POST /mit-hold/:slug/spoergsmaal/:id/svar',
    url: (f) => `${QUESTIONS}/${f.question}/svar`,
    expect: only({ participant: 400, substitute: 400, expert: 400, facilitator: 400, organiser: 400 }),
  },
  {
    route: 'POST /mit-hold/:slug/spoergsmaal/:id/loest',
    url: (f) => `${QUESTIONS}/${f.question}/loest`,
    expect: only({ participant: 303, organiser: 303 }),
  },
  {
    route: 'POST /mit-hold/:slug/spoergsmaal/:id/foelg',
    url: (f) => `${QUESTIONS}/${f.question}/foelg`,
    expect: only({ participant: 400, substitute: 400, expert: 400, facilitator: 400, organiser: 400 }),
  },
  {
    route: 'GET /mit-hold/:slug/spoergsmaal/:id/indlaeg/:postId/rediger',
    url: (f) => `${QUESTIONS}/${f.question}/indlaeg/${f.questionPost}/rediger`,
    expect: only({ participant: 200 }),
  },
  {
    route: 'POST /mit-hold/:slug/spoergsmaal/:id/indlaeg/:postId/rediger',
    url: (f) => `${QUESTIONS}/${f.question}/indlaeg/${f.questionPost}/rediger`,
    expect: only({ participant: 400 }),
  },
  {
    route: 'GET /mit-hold/:slug/spoergsmaal/:id/indlaeg/:postId/slet',
    url: (f) => `${QUESTIONS}/${f.question}/indlaeg/${f.questionPost}/slet`,
    expect: only({ participant: 200, organiser: 200 }),
  },
  {
    route: 'POST /mit-hold/:slug/spoergsmaal/:id/indlaeg/:postId/slet',
    url: (f) => `${QUESTIONS}/${f.question}/indlaeg/${f.questionPost}/slet`,
    expect: only({ participant: 400, organiser: 400 }),
  },
  {
    route: 'GET /mit-hold/:slug/spoergsmaal/:id/indlaeg/:postId/historik',
    url: (f) => `${QUESTIONS}/${f.question}/indlaeg/${f.questionPost}/historik`,
    expect: only({ participant: 200, organiser: 200 }),
  },
  {
    route: 'GET /arrangoer/spoergsmaal',
    url: () => '/arrangoer/spoergsmaal',
    expect: organiserOnly(200),
  },

  // Messages (src/modules/messages, rules.ts): announcements to the hold's members (the demo's is to the
  // participants only, so the substitutes and the expert find nothing there); writing one is the organiser's and
  // the facilitator's. A private thread is the member's own (Min side; the organiser has none of their own) and
  // the organiser's in the back office. Empty forms are refused (400).
  {
    route: 'GET /mit-hold/:slug/beskeder',
    url: () => MESSAGES,
    expect: only({
      participant: 200,
      substitute: 200,
      otherSubstitute: 200,
      expert: 200,
      facilitator: 200,
      organiser: 200,
    }),
  },
  {
    route: 'GET /mit-hold/:slug/beskeder/ny',
    url: () => `${MESSAGES}/ny`,
    expect: only({ facilitator: 200, organiser: 200 }),
  },
  {
    route: 'POST /mit-hold/:slug/beskeder/ny',
    url: () => `${MESSAGES}/ny`,
    expect: only({ facilitator: 400, organiser: 400 }),
  },
  {
    route: 'GET /mit-hold/:slug/beskeder/:id',
    url: (f) => `${MESSAGES}/${f.announcementId}`,
    expect: only({ participant: 200, facilitator: 200, organiser: 200 }),
  },
  { route: 'GET /min-side/beskeder', url: () => '/min-side/beskeder', expect: signedIn(200) },
  {
    route: 'GET /min-side/beskeder/:slug',
    url: () => `/min-side/beskeder/${SLUG_2027}`,
    expect: only({ participant: 200, substitute: 200, otherSubstitute: 200, expert: 200, facilitator: 200 }),
  },
  {
    route: 'POST /min-side/beskeder/:slug',
    url: () => `/min-side/beskeder/${SLUG_2027}`,
    expect: only({ participant: 400, substitute: 400, otherSubstitute: 400, expert: 400, facilitator: 400 }),
  },
  { route: 'GET /arrangoer/beskeder', url: () => '/arrangoer/beskeder', expect: organiserOnly(200) },
  {
    route: 'GET /arrangoer/beskeder/:id',
    url: (f) => `/arrangoer/beskeder/${f.threadId}`,
    expect: organiserOnly(200),
  },
  {
    route: 'POST /arrangoer/beskeder/:id',
    url: (f) => `/arrangoer/beskeder/${f.threadId}`,
    expect: organiserOnly(400),
  },

  // The member directory (src/modules/directory): members of the hold but a substitute; the choices on Min side
  // are anyone's own (an empty form saves "not listed" for the series they are a participant of: 303).
  {
    route: 'GET /mit-hold/:slug/deltagere',
    url: () => `/mit-hold/${SLUG_2027}/deltagere`,
    expect: only({ participant: 200, expert: 200, facilitator: 200, organiser: 200 }),
  },
  { route: 'GET /min-side/medlemsoversigt', url: () => '/min-side/medlemsoversigt', expect: signedIn(200) },
  { route: 'POST /min-side/medlemsoversigt', url: () => '/min-side/medlemsoversigt', expect: signedIn(303) },

  // People: a linked person edits their own profile (anyone else finds nothing there); invitations are opened
  // by whoever has the link, and a made-up token is "this link does not work" (400, as a sign-in link).
  {
    route: 'GET /min-profil',
    url: () => '/min-profil',
    expect: { ...signedIn(404), expert: 200, facilitator: 200 },
  },
  {
    route: 'POST /min-profil',
    url: () => '/min-profil',
    expect: { ...signedIn(404), expert: 400, facilitator: 400 },
  },
  { route: 'GET /invitation/:token', url: () => `/invitation/${FAKE_TOKEN}`, expect: all(400) },
  { route: 'POST /invitation/:token', url: () => `/invitation/${FAKE_TOKEN}`, expect: all(400) },

  // Notifications: each signed-in person's own choices (an empty form is refused next to each kind); the
  // signed link in a mail works for whoever has it, and a made-up token is a 404 for everyone.
  { route: 'GET /min-side/varsler', url: () => '/min-side/varsler', expect: signedIn(200) },
  { route: 'POST /min-side/varsler', url: () => '/min-side/varsler', expect: signedIn(400) },
  { route: 'GET /varsler/:token', url: () => `/varsler/${FAKE_TOKEN}`, expect: all(404) },
  { route: 'POST /varsler/:token', url: () => `/varsler/${FAKE_TOKEN}`, expect: all(404) },
  { route: 'GET /arrangoer/personer', url: () => '/arrangoer/personer', expect: organiserOnly(200) },
  {
    route: 'GET /arrangoer/personer/:slug',
    url: (f) => `/arrangoer/personer/${f.expertPersonSlug}`,
    expect: organiserOnly(200),
  },
  {
    // A made-up grant: the organiser reaches the handler, which finds no such role of this person.
    route: 'POST /arrangoer/personer/:slug/roller/:id/fjern',
    url: (f) => `/arrangoer/personer/${f.expertPersonSlug}/roller/${f.participantRegistrationId}/fjern`,
    expect: organiserOnly(404),
  },
  {
    route: 'POST /arrangoer/personer/:slug/invitation',
    url: (f) => `/arrangoer/personer/${f.expertPersonSlug}/invitation`,
    expect: organiserOnly(400),
  },
  // Creating and editing a public person, and the venues (issue 9): an empty form is refused with its errors.
  { route: 'GET /arrangoer/personer/ny', url: () => '/arrangoer/personer/ny', expect: organiserOnly(200) },
  { route: 'POST /arrangoer/personer/ny', url: () => '/arrangoer/personer/ny', expect: organiserOnly(400) },
  {
    route: 'GET /arrangoer/personer/:slug/rediger',
    url: (f) => `/arrangoer/personer/${f.expertPersonSlug}/rediger`,
    expect: organiserOnly(200),
  },
  {
    route: 'POST /arrangoer/personer/:slug/rediger',
    url: (f) => `/arrangoer/personer/${f.expertPersonSlug}/rediger`,
    expect: organiserOnly(400),
  },
  { route: 'GET /arrangoer/steder', url: () => '/arrangoer/steder', expect: organiserOnly(200) },
  { route: 'GET /arrangoer/steder/ny', url: () => '/arrangoer/steder/ny', expect: organiserOnly(200) },
  { route: 'POST /arrangoer/steder/ny', url: () => '/arrangoer/steder/ny', expect: organiserOnly(400) },
  {
    route: 'GET /arrangoer/steder/:id',
    url: (f) => `/arrangoer/steder/${f.venueId}`,
    expect: organiserOnly(200),
  },
  {
    route: 'POST /arrangoer/steder/:id',
    url: (f) => `/arrangoer/steder/${f.venueId}`,
    expect: organiserOnly(400),
  },

  // The back office: the organisation's staff only.
  { route: 'GET /arrangoer', url: () => '/arrangoer', expect: organiserOnly(200) },
  { route: 'GET /arrangoer/log', url: () => '/arrangoer/log', expect: organiserOnly(200) },
  {
    route: 'GET /arrangoer/serier/:slug',
    url: () => `/arrangoer/serier/${SLUG_2027}`,
    expect: organiserOnly(200),
  },
  // The programme's series pages (src/modules/programme/series-routes.tsx): an empty form is refused (400).
  { route: 'GET /arrangoer/serier/ny', url: () => '/arrangoer/serier/ny', expect: organiserOnly(200) },
  { route: 'POST /arrangoer/serier/ny', url: () => '/arrangoer/serier/ny', expect: organiserOnly(400) },
  {
    route: 'GET /arrangoer/serier/:slug/rediger',
    url: () => `/arrangoer/serier/${SLUG_2027}/rediger`,
    expect: organiserOnly(200),
  },
  {
    route: 'POST /arrangoer/serier/:slug/rediger',
    url: () => `/arrangoer/serier/${SLUG_2027}/rediger`,
    expect: organiserOnly(400),
  },
  {
    route: 'POST /arrangoer/serier/:slug/status',
    url: () => `/arrangoer/serier/${SLUG_2027}/status`,
    expect: organiserOnly(400),
  },
  {
    route: 'GET /arrangoer/serier/:slug/forhaandsvisning',
    url: () => `/arrangoer/serier/${SLUG_2027}/forhaandsvisning`,
    expect: organiserOnly(200),
  },
  {
    route: 'GET /arrangoer/serier/:slug/kopier',
    url: () => `/arrangoer/serier/${SLUG_2027}/kopier`,
    expect: organiserOnly(200),
  },
  {
    route: 'POST /arrangoer/serier/:slug/kopier',
    url: () => `/arrangoer/serier/${SLUG_2027}/kopier`,
    expect: organiserOnly(400),
  },
  {
    route: 'GET /arrangoer/tilmeldinger/:id/annuller',
    url: (f) => `/arrangoer/tilmeldinger/${f.participantRegistrationId}/annuller`,
    expect: organiserOnly(200),
  },
  {
    route: 'POST /arrangoer/tilmeldinger/:id/annuller',
    url: (f) => `/arrangoer/tilmeldinger/${f.participantRegistrationId}/annuller`,
    expect: organiserOnly(400),
  },
  { route: 'GET /arrangoer/fakturaer', url: () => '/arrangoer/fakturaer', expect: organiserOnly(200) },
  {
    route: 'GET /arrangoer/fakturaer.csv',
    url: () => '/arrangoer/fakturaer.csv',
    expect: organiserOnly(200),
  },
  {
    route: 'GET /arrangoer/fakturaer/:id',
    url: (f) => `/arrangoer/fakturaer/${f.participantInvoiceId}`,
    expect: organiserOnly(200),
  },
  ...INVOICE_FORMATS.map(
    (format): Row => ({
      route: `GET /arrangoer/fakturaer/:id/${format}`,
      url: (f) => `/arrangoer/fakturaer/${f.participantInvoiceId}/${format}`,
      expect: organiserOnly(200),
    }),
  ),
  {
    route: 'GET /arrangoer/fakturaer/:id/krediter',
    url: (f) => `/arrangoer/fakturaer/${f.participantInvoiceId}/krediter`,
    expect: organiserOnly(200),
  },
  {
    route: 'POST /arrangoer/fakturaer/:id/krediter',
    url: (f) => `/arrangoer/fakturaer/${f.participantInvoiceId}/krediter`,
    expect: organiserOnly(400),
  },
  {
    route: 'POST /arrangoer/fakturaer/:id/betalt',
    url: (f) => `/arrangoer/fakturaer/${f.participantInvoiceId}/betalt`,
    expect: organiserOnly(400),
  },
  {
    route: 'POST /arrangoer/fakturaer/:id/sendt',
    url: (f) => `/arrangoer/fakturaer/${f.participantInvoiceId}/sendt`,
    expect: organiserOnly(400),
  },

  // The programme: sessions. An empty form is refused (400); the one-purpose forms get an invalid value, so
  // the matrix neither cancels nor moves the demo's session; a move without a direction changes nothing.
  {
    route: 'GET /arrangoer/serier/:slug/sessioner',
    url: () => `/arrangoer/serier/${SLUG_2027}/sessioner`,
    expect: organiserOnly(200),
  },
  {
    route: 'GET /arrangoer/serier/:slug/sessioner/ny',
    url: () => `/arrangoer/serier/${SLUG_2027}/sessioner/ny`,
    expect: organiserOnly(200),
  },
  {
    route: 'POST /arrangoer/serier/:slug/sessioner/ny',
    url: () => `/arrangoer/serier/${SLUG_2027}/sessioner/ny`,
    expect: organiserOnly(400),
  },
  {
    route: 'GET /arrangoer/sessioner/:id',
    url: (f) => `/arrangoer/sessioner/${f.sessionId}`,
    expect: organiserOnly(200),
  },
  {
    route: 'POST /arrangoer/sessioner/:id',
    url: (f) => `/arrangoer/sessioner/${f.sessionId}`,
    expect: organiserOnly(400),
  },
  {
    route: 'POST /arrangoer/sessioner/:id/flyt',
    url: (f) => `/arrangoer/sessioner/${f.sessionId}/flyt`,
    expect: organiserOnly(303),
  },
  ...(['online', 'fremmoede', 'aflys'] as const).flatMap((action): Row[] => [
    {
      route: `GET /arrangoer/sessioner/:id/${action}`,
      url: (f) => `/arrangoer/sessioner/${f.sessionId}/${action}`,
      expect: organiserOnly(200),
    },
    {
      route: `POST /arrangoer/sessioner/:id/${action}`,
      url: (f) => `/arrangoer/sessioner/${f.sessionId}/${action}`,
      form:
        action === 'online'
          ? { meetingUrl: 'ftp://x' }
          : action === 'fremmoede'
            ? { venueId: 'intet-sted' }
            : { note: 'x'.repeat(2001) },
      expect: organiserOnly(400),
    },
  ]),
  {
    route: 'GET /arrangoer/indstillinger',
    url: () => '/arrangoer/indstillinger',
    expect: organiserOnly(200),
  },
  {
    route: 'POST /arrangoer/indstillinger',
    url: () => '/arrangoer/indstillinger',
    expect: organiserOnly(400),
  },
];

/** `GET /a`, `POST /b` for every method of a route; HEAD is Fastify's copy of GET and answers as GET does. */
function routeKeys(route: RouteOptions): string[] {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  return methods.filter((m) => m !== 'HEAD').map((m) => `${m} ${route.url}`);
}

/** People for the matrix, made the way the app makes them (register, confirm by mail, sign in). */
async function makeFixture(database: Database): Promise<{ fixture: Fixture; emails: Record<Actor, string> }> {
  const db = database.db;
  const { deps } = registrationTestDeps(database);
  const form = (n: number, email: string) => {
    const parsed = parseRegistration(validForm(n, { participant_email: email }));
    if (!parsed.ok) throw new Error(`test form invalid: ${JSON.stringify(parsed.errors)}`);
    return parsed.form;
  };

  const participant = uniqueEmail('deltager');
  const made = await registerConfirmed(deps, SLUG_2027, form(1, participant));
  if (made?.kind !== 'confirmed') throw new Error(`participant: ${made?.kind}`);

  // Signed in (an account from before) while this series' registration still awaits its mail.
  const awaiting = uniqueEmail('afventer');
  await ensureAccount(db, { email: awaiting, name: 'Afventer', role: 'participant' }, TEST_NOW);
  const reserved = await register(deps, SLUG_2027, form(2, awaiting), 'da');
  if (reserved?.kind !== 'reserved') throw new Error(`awaiting: ${reserved?.kind}`);

  // Every seat is held now: the next confirmed person waits in line.
  const series = await db
    .selectFrom('series')
    .select(['id', 'registration_opens_at'])
    .where('slug', '=', SLUG_2027)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('series')
    .set((eb) => ({ capacity: 2, version: eb('version', '+', 1) }))
    .where('id', '=', series.id)
    .execute();
  const waitlisted = uniqueEmail('venteliste');
  const inLine = await registerConfirmed(deps, SLUG_2027, form(3, waitlisted));
  if (inLine?.kind !== 'waitlisted') throw new Error(`waitlisted: ${inLine?.kind}`);

  // A participant of the 2021 hold, registered while it was open.
  const earlier = await db
    .selectFrom('series')
    .select(['registration_opens_at', 'status'])
    .where('slug', '=', SLUG_2021)
    .executeTakeFirstOrThrow();
  const then = new Date(new Date(earlier.registration_opens_at).getTime() + 24 * 3600_000);
  const otherSeries = uniqueEmail('andet-hold');
  await setSeriesStatus(db, SLUG_2021, 'published');
  const old = await registerConfirmed(
    registrationTestDeps(database, then).deps,
    SLUG_2021,
    form(4, otherSeries),
  );
  if (old?.kind !== 'confirmed') throw new Error(`other series: ${old?.kind}`);
  await setSeriesStatus(db, SLUG_2021, earlier.status);

  // Substitutes (the session-operations issue creates them; the role and its scope exist now): one for the
  // 2027 hold's first session, one for its second.
  const sessions = await db
    .selectFrom('session')
    .select(['id', 'ordinal'])
    .where('series_id', '=', series.id)
    .orderBy('ordinal')
    .execute();
  const substitute = uniqueEmail('stedfortraeder');
  const otherSubstitute = uniqueEmail('stedfortraeder');
  for (const [email, session] of [
    [substitute, sessions[0]],
    [otherSubstitute, sessions[1]],
  ] as const) {
    const accountId = await ensureAccount(
      db,
      { email, name: 'Stedfortræder', role: 'participant' },
      TEST_NOW,
    );
    await db.transaction().execute((tx) =>
      grantRole(
        tx,
        {
          accountId,
          role: 'substitute',
          seriesId: series.id,
          sessionId: session?.id ?? null,
          by: { accountId: null, label: 'test' },
        },
        TEST_NOW,
      ),
    );
  }
  const expertPerson = await db
    .selectFrom('person')
    .select('slug')
    .where('name', '=', 'Dorte Caswell')
    .executeTakeFirstOrThrow();

  const invoice = await db
    .selectFrom('invoice')
    .select('id')
    .where('registration_id', '=', made.registrationId)
    .executeTakeFirstOrThrow();
  const person = await db.selectFrom('person').select('slug').orderBy('slug').executeTakeFirstOrThrow();
  const mail = await db.selectFrom('outbox').select('id').orderBy('created_at').executeTakeFirstOrThrow();
  const venue = await db.selectFrom('venue').select('id').orderBy('name').executeTakeFirstOrThrow();

  // The materials: through the service, as the pages add them.
  const accountOf = async (email: string) =>
    await db
      .selectFrom('account')
      .select(['id', 'name'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
  const expertAccount = await accountOf(DEMO_PEOPLE.caswell.email);
  const participantAccount = await accountOf(participant);
  const hold = { seriesId: series.id, slug: SLUG_2027 };
  const fields = (over: Partial<MaterialFields>): MaterialFields => ({
    kind: 'note',
    title: 'Matrix',
    description: '',
    sessionId: null,
    phase: 'before',
    url: null,
    authors: '',
    year: null,
    publisher: '',
    identifier: '',
    bodyMd: 'Tekst',
    ...over,
  });
  const bytes = await demoPdf();
  const pdf = await db
    .transaction()
    .execute((tx) => storeBytes(tx, { name: 'matrix.pdf', bytes }, { accountId: null }, TEST_NOW));
  const inSession = await addMaterial(
    db,
    {
      hold,
      fields: fields({ kind: 'document', bodyMd: '', sessionId: sessions[0]?.id ?? null }),
      shared: false,
      fileId: pdf.id,
    },
    { accountId: expertAccount.id, name: expertAccount.name, label: DEMO_PEOPLE.caswell.email },
    TEST_NOW,
  );
  const seriesWide = await addMaterial(
    db,
    { hold, fields: fields({}), shared: false },
    { accountId: null, name: 'Arrangør', label: 'test' },
    TEST_NOW,
  );
  const shared = await addMaterial(
    db,
    {
      hold,
      fields: fields({
        kind: 'article',
        bodyMd: '',
        url: 'https://example.dk/a',
        sessionId: sessions[0]?.id ?? null,
      }),
      shared: true,
    },
    { accountId: participantAccount.id, name: participantAccount.name, label: participant },
    TEST_NOW,
  );
  const asked = await askQuestion(
    db,
    {
      hold: { seriesId: series.id, slug: SLUG_2027, membership: null },
      fields: {
        title: 'Matrix',
        bodyMd: 'Et spørgsmål',
        addressedTo: 'experts',
        expertAccountId: null,
        sessionId: sessions[0]?.id ?? null,
      },
    },
    { accountId: participantAccount.id, name: participantAccount.name, label: participant },
    TEST_NOW,
  );
  await replyTo(
    db,
    { hold: { slug: SLUG_2027, membership: null }, questionId: asked.id, bodyMd: 'Et svar' },
    { accountId: expertAccount.id, name: expertAccount.name, label: DEMO_PEOPLE.caswell.email },
    TEST_NOW,
  );
  const opening = await db
    .selectFrom('question_post')
    .select('id')
    .where('question_id', '=', asked.id)
    .where('kind', '=', 'question')
    .executeTakeFirstOrThrow();
  // The demo's dilemmas: the anonymous one on the first session's agenda, and the 2021 hold's last session.
  const dilemma = await db
    .selectFrom('dilemma')
    .select(['id', 'session_id'])
    .where('series_id', '=', series.id)
    .where('anonymous', '=', 1)
    .executeTakeFirstOrThrow();
  const agendaItem = await db
    .selectFrom('agenda_item')
    .select('id')
    .where('session_id', '=', dilemma.session_id ?? '')
    .orderBy('position')
    .executeTakeFirstOrThrow();
  const pastSession = await db
    .selectFrom('session')
    .innerJoin('series', 'series.id', 'session.series_id')
    .select('session.id')
    .where('series.slug', '=', SLUG_2021)
    .orderBy('session.ordinal', 'desc')
    .executeTakeFirstOrThrow();
  return {
    fixture: {
      participantRegistrationId: made.registrationId,
      participantInvoiceId: invoice.id,
      waitlistedRegistrationId: inLine.registrationId,
      personSlug: person.slug,
      expertPersonSlug: expertPerson.slug,
      venueId: venue.id,
      mailId: mail.id,
      sessionId: sessions[2]?.id ?? '',
      materialInSession: inSession.id,
      materialSeriesWide: seriesWide.id,
      materialShared: shared.id,
      announcementId: (
        await db
          .selectFrom('announcement')
          .select('id')
          .where('series_id', '=', series.id)
          .where('title', '=', DEMO_ANNOUNCEMENT_TITLE)
          .executeTakeFirstOrThrow()
      ).id,
      threadId: (
        await db
          .selectFrom('message_thread')
          .select('id')
          .where('series_id', '=', series.id)
          .executeTakeFirstOrThrow()
      ).id,
      question: asked.id,
      questionPost: opening.id,
      dilemma: dilemma.id,
      agendaItem: agendaItem.id,
      agendaSession: dilemma.session_id ?? '',
      pastSession: pastSession.id,
    },
    emails: {
      anonymous: '',
      awaiting,
      waitlisted,
      participant,
      otherSeries,
      substitute,
      otherSubstitute,
      expert: DEMO_PEOPLE.caswell.email,
      facilitator: DEMO_PEOPLE.kongsgaard.email,
      organiser: '',
      pending: '',
    },
  };
}

describeEachDialect('authorisation matrix', (getDb) => {
  let app: FastifyInstance;
  const routes: string[] = [];
  let fixture: Fixture;
  let emails: Record<Actor, string>;

  beforeAll(async () => {
    const database = getDb();
    app = await createApp({
      config: testConfig(database),
      database,
      clock: fixedClock(TEST_NOW),
      onRoute: (route) => routes.push(...routeKeys(route)),
    });
    await app.ready();
    ({ fixture, emails } = await makeFixture(database));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('has exactly one row for every route the app registers', () => {
    const rows = MATRIX.map((r) => r.route);
    expect(new Set(rows).size, 'a route listed twice').toBe(rows.length);
    expect([...routes].sort()).toEqual([...rows].sort());
  });

  /** A browser for this actor with a fresh session (a sign-out in one row cannot spoil the next). */
  async function browserFor(actor: Actor): Promise<Browser> {
    if (actor === 'organiser') return organiserBrowser(() => app, getDb());
    if (actor === 'pending') return pendingOrganiserBrowser(() => app, getDb());
    const browser = new Browser(() => app);
    if (actor === 'anonymous') return browser;
    return browser.withSession(await sessionOf(getDb(), emails[actor]));
  }

  it.each(ACTORS)('every route answers %s as the table says', async (actor) => {
    const wrong: string[] = [];
    for (const row of MATRIX) {
      const browser = await browserFor(actor);
      const [method] = row.route.split(' ');
      const url = row.url(fixture);
      let res: Awaited<ReturnType<Browser['get']>>;
      if (method === 'POST') {
        await browser.get('/log-ind'); // a page with a form: its CSRF token
        res = await browser.post(url, row.form ?? {});
      } else {
        res = await browser.get(url);
      }
      const expected = actor === 'pending' ? (row.expect.pending ?? row.expect.anonymous) : row.expect[actor];
      const location = String(res.headers.location ?? '');
      const toSignIn = location.startsWith('/log-ind?next=');
      const got: Answer =
        (method === 'GET' && res.statusCode === 303 && toSignIn) ||
        (method === 'POST' && res.statusCode === 401)
          ? 'sign-in'
          : res.statusCode;
      if (got !== expected) wrong.push(`${row.route} (${url}): expected ${expected}, got ${got} ${location}`);
    }
    expect(wrong).toEqual([]);
  });
});
