import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { notFound } from '../../shared/errors.ts';
import { isId } from '../../shared/ids.ts';
import { isSlug } from '../../shared/slug.ts';
import { access, ORGANISER, SIGNED_IN } from '../../web/access.ts';
import { requireAccount } from '../../web/account.ts';
import { pageContext, sendPrivate } from '../../web/context.ts';
import { csrfToken } from '../../web/csrf.ts';
import { isMember } from '../people/service.ts';
import {
  NO_SESSION,
  parseAsk,
  parseDelete,
  parsePost,
  raw,
  TO_EXPERT_PREFIX,
  TO_EXPERTS,
  TO_FACILITATOR,
} from './forms.ts';
import { questionsMessages } from './messages.ts';
import type { Post, Question } from './model.ts';
import { ORGANISER_QUESTIONS_PATH, questionPath } from './paths.ts';
import {
  mayAsk,
  mayAskAnything,
  mayDeletePost,
  mayEditPost,
  mayFollow,
  mayReply,
  maySolve,
  mayViewHistory,
  seesAllQuestions,
} from './rules.ts';
import {
  type Addressees,
  addressees,
  askQuestion,
  decodeCursor,
  deletePost,
  editPost,
  historyOf,
  markSolved,
  organiserUnanswered,
  postOf,
  type QuestionsHold,
  questionActor,
  questionFor,
  questionList,
  questionsHold,
  replyTo,
  setFollowing,
  threadOf,
  waitingForMe,
} from './service.ts';
import {
  askPage,
  deletePage,
  editPage,
  type FormState,
  filterFromSlug,
  historyPage,
  listPage,
  NOTICES,
  type Option,
  organiserPage,
  type QuestionNotice,
  questionPage,
} from './views/pages.tsx';

// The questions pages under a series' members' home, and the organiser's list. Every member route is for
// signed-in people (the gate sends a stranger to sign in); what each person may see and do is
// questions/rules.ts, and anything else is a 404, so the pages do not tell what exists.

const BASE = '/mit-hold/:slug/spoergsmaal';
const POST = `${BASE}/:id/indlaeg/:postId`;

type Params = { slug: string };
type IdParams = { slug: string; id: string };
type PostParams = { slug: string; id: string; postId: string };
type Query = Record<string, unknown>;
type Body = Record<string, unknown> | undefined;

export function questionsRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps.database;
  const now = () => deps.clock.now();

  async function holdOf(request: FastifyRequest<{ Params: Params }>): Promise<QuestionsHold> {
    const { slug } = request.params;
    if (!isSlug(slug)) throw notFound();
    const hold = await questionsHold(db, requireAccount(request), slug, request.lang, now());
    if (!hold || !isMember(hold.membership)) throw notFound();
    return hold;
  }

  async function questionOf(request: FastifyRequest<{ Params: IdParams }>) {
    if (!isId(request.params.id)) throw notFound();
    const hold = await holdOf(request);
    const question = await questionFor(db, hold, request.params.id);
    if (!question) throw notFound();
    return { hold, question };
  }

  async function postOfRequest(request: FastifyRequest<{ Params: PostParams }>) {
    if (!isId(request.params.postId)) throw notFound();
    const found = await questionOf(request);
    const post = await postOf(db, found.question, request.params.postId);
    if (!post) throw notFound();
    return { ...found, post };
  }

  const heading = (hold: QuestionsHold) => ({ slug: hold.slug, title: hold.title });
  const ordinals = (hold: QuestionsHold) => new Map(hold.sessions.map((s) => [s.id, s.ordinal]));
  const addressee = (hold: QuestionsHold) =>
    hold.membership.roles.some((r) => r === 'expert' || r === 'facilitator');

  const done = (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    id: string,
    notice: QuestionNotice,
  ) =>
    reply.redirect(
      `${questionPath(slug, id)}?besked=${notice}${request.lang === 'en' ? '&lang=en' : ''}`,
      303,
    );

  function sessionLabel(hold: QuestionsHold, question: Question, lang: 'da' | 'en'): string {
    const m = questionsMessages(lang);
    const s = hold.sessions.find((x) => x.id === question.sessionId);
    return s ? m['questions.about'](s.ordinal) : m['questions.aboutSeries'];
  }

  // ——— The list ———

  app.get<{ Params: Params; Querystring: Query }>(BASE, access(SIGNED_IN), async (request, reply) => {
    const hold = await holdOf(request);
    const ctx = await pageContext(db, request);
    const filter = filterFromSlug(request.query.vis);
    const mine = request.query.til === 'mig' && addressee(hold);
    const before = decodeCursor(request.query.efter);
    const [page, waiting] = await Promise.all([
      questionList(db, hold, { filter, mine, before }),
      mine ? waitingForMe(db, hold) : Promise.resolve(null),
    ]);
    return sendPrivate(
      reply,
      listPage(ctx, {
        hold: heading(hold),
        filter,
        mine,
        addressee: addressee(hold),
        substituteOnly: !seesAllQuestions(hold.membership),
        questions: page.questions,
        next: page.next,
        paged: before !== null,
        waiting,
        ordinals: ordinals(hold),
        mayAsk: mayAskAnything(hold.membership),
        now: now(),
      }),
    );
  });

  // ——— Ask ———

  function choices(hold: QuestionsHold, people: Addressees, lang: 'da' | 'en') {
    const m = questionsMessages(lang);
    const to: Option[] = [
      { value: '', label: lang === 'da' ? 'Vælg' : 'Choose' },
      { value: TO_EXPERTS, label: m['questions.form.toExperts'] },
      ...people.experts
        .filter((e) => e.accountId !== hold.accountId)
        .map((e) => ({
          value: `${TO_EXPERT_PREFIX}${e.accountId}`,
          label: m['questions.form.toExpert'](e.name, e.ordinal),
        })),
      {
        value: TO_FACILITATOR,
        label: people.facilitator
          ? m['questions.form.toFacilitator'](people.facilitator.name)
          : m['questions.form.toFacilitatorNone'],
      },
    ];
    const sessions: Option[] = [
      ...(mayAsk(hold.membership, null)
        ? [{ value: NO_SESSION, label: m['questions.form.sessionNone'] }]
        : []),
      ...hold.sessions
        .filter((s) => !s.cancelled && mayAsk(hold.membership, s.id))
        .map((s) => ({ value: s.id, label: m['questions.form.sessionOption'](s.ordinal, s.question) })),
    ];
    return { to, sessions };
  }

  app.get<{ Params: Params; Querystring: Query }>(`${BASE}/ny`, access(SIGNED_IN), async (request, reply) => {
    const hold = await holdOf(request);
    if (!mayAskAnything(hold.membership)) throw notFound();
    const ctx = await pageContext(db, request);
    const { to, sessions } = choices(hold, await addressees(db, hold, now()), ctx.lang);
    const session = typeof request.query.session === 'string' ? request.query.session : '';
    const state: FormState<{ title: string; body: string; to: string; session: string }> = {
      values: {
        title: '',
        body: '',
        to: '',
        session: sessions.some((s) => s.value === session) ? session : (sessions[0]?.value ?? ''),
      },
      errors: {},
      warnings: {},
      confirmed: false,
    };
    return sendPrivate(
      reply,
      askPage(ctx, { hold: heading(hold), state, to, sessions, csrf: csrfToken(reply) }),
    );
  });

  app.post<{ Params: Params; Body: Body }>(`${BASE}/ny`, access(SIGNED_IN), async (request, reply) => {
    const hold = await holdOf(request);
    if (!mayAskAnything(hold.membership)) throw notFound();
    const ctx = await pageContext(db, request);
    const people = await addressees(db, hold, now());
    const { to, sessions } = choices(hold, people, ctx.lang);
    const parsed = parseAsk(
      request.body,
      { to: to.map((o) => o.value).filter((v) => v !== ''), sessions: sessions.map((o) => o.value) },
      ctx.lang,
    );
    if (!parsed.ok) {
      const state = {
        values: parsed.values,
        errors: parsed.errors,
        warnings: parsed.warnings,
        confirmed: parsed.confirmed,
      };
      return sendPrivate(
        reply,
        askPage(ctx, { hold: heading(hold), state, to, sessions, csrf: csrfToken(reply) }),
        400,
      );
    }
    const expert = people.experts.find((e) => e.accountId === parsed.fields.expertAccountId);
    const asked = await askQuestion(
      db,
      { hold, fields: parsed.fields, expertName: expert?.name ?? '' },
      questionActor(requireAccount(request)),
      now(),
    );
    return done(request, reply, hold.slug, asked.id, 'asked');
  });

  // ——— One question ———

  async function renderQuestion(
    request: FastifyRequest,
    reply: FastifyReply,
    hold: QuestionsHold,
    question: Question,
    form: { state: FormState<{ body: string }> | null; status: number } | null,
    notice?: QuestionNotice,
  ) {
    const ctx = await pageContext(db, request);
    const thread = await threadOf(db, hold, question);
    const at = now();
    const mayPost = (post: Post) => ({
      edit: mayEditPost(hold.membership, question, post, hold.accountId),
      delete: mayDeletePost(hold.membership, question, post, hold.accountId, at) !== null,
      history: mayViewHistory(hold.membership, question, post, hold.accountId),
    });
    const page = questionPage(ctx, {
      hold: heading(hold),
      thread,
      sessionLabel: sessionLabel(hold, question, ctx.lang),
      mayPost,
      maySolve: maySolve(hold.membership, question, hold.accountId),
      mayFollow: mayFollow(hold.membership, question),
      reply: mayReply(hold.membership, question)
        ? (form?.state ?? { values: { body: '' }, errors: {}, warnings: {}, confirmed: false })
        : null,
      notice,
      csrf: csrfToken(reply),
      now: at,
    });
    return sendPrivate(reply, page, form?.status ?? 200);
  }

  app.get<{ Params: IdParams; Querystring: Query }>(
    `${BASE}/:id`,
    access(SIGNED_IN),
    async (request, reply) => {
      const { hold, question } = await questionOf(request);
      const notice = NOTICES.find((n) => n === request.query.besked);
      return renderQuestion(request, reply, hold, question, null, notice);
    },
  );

  app.post<{ Params: IdParams; Body: Body }>(
    `${BASE}/:id/svar`,
    access(SIGNED_IN),
    async (request, reply) => {
      const { hold, question } = await questionOf(request);
      if (question.deleted || !mayReply(hold.membership, question)) throw notFound();
      const parsed = parsePost(request.body, false, request.lang);
      if (!parsed.ok) {
        const state = {
          values: { body: parsed.values.body },
          errors: parsed.errors,
          warnings: parsed.warnings,
          confirmed: parsed.confirmed,
        };
        return renderQuestion(request, reply, hold, question, { state, status: 400 });
      }
      const post = await replyTo(
        db,
        { hold, questionId: question.id, bodyMd: parsed.bodyMd },
        questionActor(requireAccount(request)),
        now(),
      );
      if (!post) throw notFound();
      return done(request, reply, hold.slug, question.id, 'replied');
    },
  );

  app.post<{ Params: IdParams; Body: Body }>(
    `${BASE}/:id/loest`,
    access(SIGNED_IN),
    async (request, reply) => {
      const { hold, question } = await questionOf(request);
      if (question.deleted || !maySolve(hold.membership, question, hold.accountId)) throw notFound();
      const value = raw(request.body, 'indlaeg');
      const postId = value === '' ? null : value;
      if (postId !== null && !isId(postId)) throw notFound();
      const ok = await markSolved(
        db,
        { questionId: question.id, postId },
        questionActor(requireAccount(request)),
        now(),
      );
      // Not a standing reply of this question.
      if (!ok) throw notFound();
      return done(request, reply, hold.slug, question.id, postId === null ? 'unsolved' : 'solved');
    },
  );

  app.post<{ Params: IdParams; Body: Body }>(
    `${BASE}/:id/foelg`,
    access(SIGNED_IN),
    async (request, reply) => {
      const { hold, question } = await questionOf(request);
      if (question.deleted || !mayFollow(hold.membership, question)) throw notFound();
      const answer = raw(request.body, 'foelg');
      if (answer !== 'ja' && answer !== 'nej')
        return renderQuestion(request, reply, hold, question, { state: null, status: 400 });
      await setFollowing(
        db,
        { questionId: question.id, accountId: hold.accountId, follow: answer === 'ja' },
        now(),
      );
      return done(request, reply, hold.slug, question.id, answer === 'ja' ? 'followed' : 'unfollowed');
    },
  );

  // ——— One post: edit, delete, history ———

  async function editable(request: FastifyRequest<{ Params: PostParams }>) {
    const found = await postOfRequest(request);
    if (
      found.question.deleted ||
      !mayEditPost(found.hold.membership, found.question, found.post, found.hold.accountId)
    )
      throw notFound();
    return found;
  }

  app.get<{ Params: PostParams }>(`${POST}/rediger`, access(SIGNED_IN), async (request, reply) => {
    const { hold, question, post } = await editable(request);
    const ctx = await pageContext(db, request);
    const state = {
      values: { title: question.title, body: post.bodyMd },
      errors: {},
      warnings: {},
      confirmed: false,
    };
    return sendPrivate(
      reply,
      editPage(ctx, { hold: heading(hold), question, post, state, csrf: csrfToken(reply) }),
    );
  });

  app.post<{ Params: PostParams; Body: Body }>(
    `${POST}/rediger`,
    access(SIGNED_IN),
    async (request, reply) => {
      const { hold, question, post } = await editable(request);
      const ctx = await pageContext(db, request);
      const parsed = parsePost(request.body, post.kind === 'question', ctx.lang);
      if (!parsed.ok) {
        const state = {
          values: parsed.values,
          errors: parsed.errors,
          warnings: parsed.warnings,
          confirmed: parsed.confirmed,
        };
        return sendPrivate(
          reply,
          editPage(ctx, { hold: heading(hold), question, post, state, csrf: csrfToken(reply) }),
          400,
        );
      }
      const ok = await editPost(
        db,
        { slug: hold.slug, postId: post.id, title: parsed.title, bodyMd: parsed.bodyMd },
        questionActor(requireAccount(request)),
        now(),
      );
      if (!ok) throw notFound();
      return done(request, reply, hold.slug, question.id, 'saved');
    },
  );

  async function deletable(request: FastifyRequest<{ Params: PostParams }>) {
    const found = await postOfRequest(request);
    const right = mayDeletePost(
      found.hold.membership,
      found.question,
      found.post,
      found.hold.accountId,
      now(),
    );
    if (!right || found.question.deleted) throw notFound();
    return { ...found, organiser: right === 'organiser' };
  }

  app.get<{ Params: PostParams }>(`${POST}/slet`, access(SIGNED_IN), async (request, reply) => {
    const { hold, question, post, organiser } = await deletable(request);
    const ctx = await pageContext(db, request);
    return sendPrivate(
      reply,
      deletePage(ctx, {
        hold: heading(hold),
        question,
        post,
        organiser,
        reason: '',
        errors: {},
        csrf: csrfToken(reply),
      }),
    );
  });

  app.post<{ Params: PostParams; Body: Body }>(`${POST}/slet`, access(SIGNED_IN), async (request, reply) => {
    const { hold, question, post, organiser } = await deletable(request);
    const ctx = await pageContext(db, request);
    const parsed = parseDelete(request.body, organiser, ctx.lang);
    if (!parsed.ok) {
      const page = deletePage(ctx, {
        hold: heading(hold),
        question,
        post,
        organiser,
        reason: parsed.values.reason,
        errors: parsed.errors,
        csrf: csrfToken(reply),
      });
      return sendPrivate(reply, page, 400);
    }
    await deletePost(
      db,
      { slug: hold.slug, postId: post.id, reason: parsed.reason },
      questionActor(requireAccount(request)),
      now(),
    );
    return done(request, reply, hold.slug, question.id, 'deleted');
  });

  app.get<{ Params: PostParams }>(`${POST}/historik`, access(SIGNED_IN), async (request, reply) => {
    const { hold, question, post } = await postOfRequest(request);
    if (post.deleted || !mayViewHistory(hold.membership, question, post, hold.accountId)) throw notFound();
    const ctx = await pageContext(db, request);
    return sendPrivate(
      reply,
      historyPage(ctx, { hold: heading(hold), question, post, revisions: await historyOf(db, post) }),
    );
  });

  // ——— The organiser's list of unanswered questions ———

  app.get(ORGANISER_QUESTIONS_PATH, access(ORGANISER), async (request, reply) => {
    const ctx = await pageContext(db, request);
    const at = now();
    const { items, medianMs } = await organiserUnanswered(db, requireAccount(request), ctx.lang, at);
    return sendPrivate(reply, organiserPage(ctx, { items, medianMs, now: at }));
  });
}
