import type { Executor } from '../../db/database.ts';
import { markdownToText } from '../../shared/markdown.ts';
import { type NotificationInput, notify } from '../notifications/service.ts';
import { type AudienceMember, type Membership, seriesAudience } from '../people/service.ts';
import { questionsMessages } from './messages.ts';
import { questionPath } from './paths.ts';
import type { PostRow, QuestionRow } from './queries.ts';
import { isAddressedTo, maySeeQuestion } from './rules.ts';

// Who learns of what (kind `questions`: the addressees of a new question; kind `answers`: the asker and the
// followers of a reply) — never the one who wrote it, never someone who may not see the question. The texts
// carry a short excerpt of the post as plain text (the guard has refused CPR numbers before it was stored).

const EXCERPT = 240;

export function excerpt(md: string): string {
  const text = markdownToText(md).replace(/\s+/g, ' ').trim();
  return text.length <= EXCERPT ? text : `${text.slice(0, EXCERPT - 1).trimEnd()}…`;
}

function membershipOf(member: AudienceMember, question: QuestionRow, slug: string): Membership {
  return {
    seriesId: question.series_id,
    seriesSlug: slug,
    roles: member.roles,
    expertSessionIds: member.expertSessionIds,
    substituteSessionIds: member.substituteSessionIds,
    registration: null,
  };
}

/** The addressed expert(s) or the facilitator learn of a new question. */
export async function notifyAsked(
  tx: Executor,
  input: { question: QuestionRow; post: PostRow; slug: string; seriesTitle: { da: string; en: string } },
  now: Date,
): Promise<number> {
  const { question, post, slug } = input;
  const audience = await seriesAudience(tx, question.series_id, now);
  const facts = {
    sessionId: question.session_id,
    addressedTo: question.addressed_to,
    expertAccountId: question.expert_account_id,
    askerId: question.asker_id,
  };
  const told = audience.filter((a) => {
    if (a.accountId === question.asker_id) return false;
    const m = membershipOf(a, question, slug);
    return isAddressedTo(m, facts, a.accountId) && maySeeQuestion(m, facts);
  });
  const da = questionsMessages('da');
  const en = questionsMessages('en');
  const text = excerpt(post.body_md);
  const items: NotificationInput[] = told.map((a) => ({
    accountId: a.accountId,
    kind: 'questions',
    seriesId: question.series_id,
    subject: {
      da: da['questions.notify.askedSubject'](question.title),
      en: en['questions.notify.askedSubject'](question.title),
    },
    text: {
      da: da['questions.notify.askedText'](question.asker_name, input.seriesTitle.da, text),
      en: en['questions.notify.askedText'](question.asker_name, input.seriesTitle.en, text),
    },
    path: questionPath(slug, question.id),
    key: `question:${question.id}`,
  }));
  if (items.length > 0) await notify(tx, items, now);
  return items.length;
}

/** The asker and the followers learn of a reply (not the one who wrote it). */
export async function notifyReplied(
  tx: Executor,
  input: { question: QuestionRow; post: PostRow; slug: string; followers: readonly string[] },
  now: Date,
): Promise<number> {
  const { question, post, slug } = input;
  const wanted = new Set([...(question.asker_id ? [question.asker_id] : []), ...input.followers]);
  if (post.author_id) wanted.delete(post.author_id);
  if (wanted.size === 0) return 0;
  const audience = await seriesAudience(tx, question.series_id, now);
  const facts = { sessionId: question.session_id };
  const told = audience.filter(
    (a) => wanted.has(a.accountId) && maySeeQuestion(membershipOf(a, question, slug), facts),
  );
  const da = questionsMessages('da');
  const en = questionsMessages('en');
  const text = excerpt(post.body_md);
  const items: NotificationInput[] = told.map((a) => ({
    accountId: a.accountId,
    kind: 'answers',
    seriesId: question.series_id,
    subject: {
      da: da['questions.notify.answerSubject'](question.title),
      en: en['questions.notify.answerSubject'](question.title),
    },
    text: {
      da: da['questions.notify.answerText'](post.author_name, text),
      en: en['questions.notify.answerText'](post.author_name, text),
    },
    path: `${questionPath(slug, question.id)}#indlaeg-${post.id}`,
    key: `answer:${post.id}`,
  }));
  if (items.length > 0) await notify(tx, items, now);
  return items.length;
}
