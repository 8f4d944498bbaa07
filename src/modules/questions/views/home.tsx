import { formatDateLong } from '../../../shared/danish.ts';
import { href, type PageContext } from '../../../web/layout.tsx';
import { type QuestionsMessages, questionsMessages } from '../messages.ts';
import type { Question } from '../model.ts';
import { askPath, questionPath, questionsBase } from '../paths.ts';
import { ageInDays } from '../rules.ts';

// The "Spørgsmål" section of Mit hold: the newest questions the person sees, what waits for their answer
// (an expert or the facilitator), and the links to the list and the ask form.

/** "Ubesvaret i 3 dage" / "Besvaret" / "Løst": a question's state as the lists show it. */
export function StateText({ m, question, now }: { m: QuestionsMessages; question: Question; now: Date }) {
  if (question.state === 'unanswered') {
    return (
      <span class="holdet-tag holdet-tag-muted">
        {m['questions.unansweredFor'](ageInDays(question.createdAt, now))}
      </span>
    );
  }
  return (
    <span class={`holdet-tag${question.state === 'solved' ? ' holdet-tag-new' : ''}`}>
      {m[`questions.state.${question.state}`]}
    </span>
  );
}

export function QuestionItem({
  ctx,
  slug,
  question,
  now,
  sessionOrdinal,
}: {
  ctx: PageContext;
  slug: string;
  question: Question;
  now: Date;
  sessionOrdinal: number | null;
}) {
  const m = questionsMessages(ctx.lang);
  const to =
    question.addressedTo === 'expert'
      ? m['questions.to.expert'](question.expertName)
      : m[`questions.to.${question.addressedTo}`];
  return (
    <li class="holdet-material">
      <p class="holdet-material-title">
        <a href={href(ctx, questionPath(slug, question.id))}>{question.title}</a>{' '}
        <StateText m={m} question={question} now={now} />
      </p>
      <p class="holdet-material-meta">
        {to} · {sessionOrdinal !== null ? m['questions.about'](sessionOrdinal) : m['questions.aboutSeries']} ·{' '}
        {m['questions.askedBy'](question.askerName, formatDateLong(question.createdAt, ctx.lang))} ·{' '}
        {m['questions.replies'](question.replyCount)}
      </p>
    </li>
  );
}

export function QuestionsSection(props: {
  ctx: PageContext;
  slug: string;
  newest: Question[];
  waiting: Question[];
  /** The series' sessions (id → number), to say which session a question is about. */
  ordinals: ReadonlyMap<string, number>;
  mayAsk: boolean;
  addressee: boolean;
  now: Date;
}) {
  const { ctx, slug, now } = props;
  const m = questionsMessages(ctx.lang);
  const ordinal = (q: Question) => (q.sessionId ? (props.ordinals.get(q.sessionId) ?? null) : null);
  return (
    <section aria-labelledby="questions" class="holdet-hold-section">
      <h2 id="questions">{m['questions.title']}</h2>
      {props.addressee ? (
        <>
          <h3 class="h4" id="questions-waiting">
            {m['questions.waiting']}
          </h3>
          {props.waiting.length === 0 ? (
            <p>{m['questions.waitingNone']}</p>
          ) : (
            <ul class="nobullet-list holdet-materials" aria-labelledby="questions-waiting">
              {props.waiting.map((q) => (
                <QuestionItem
                  key={q.id}
                  ctx={ctx}
                  slug={slug}
                  question={q}
                  now={now}
                  sessionOrdinal={ordinal(q)}
                />
              ))}
            </ul>
          )}
          <p>
            <a href={href(ctx, `${questionsBase(slug)}?til=mig`)}>{m['questions.homeQueue']}</a>
          </p>
        </>
      ) : null}
      {props.newest.length === 0 ? (
        <p>{m['questions.homeNone']}</p>
      ) : (
        <ul class="nobullet-list holdet-materials" aria-label={m['questions.short']}>
          {props.newest.map((q) => (
            <QuestionItem
              key={q.id}
              ctx={ctx}
              slug={slug}
              question={q}
              now={now}
              sessionOrdinal={ordinal(q)}
            />
          ))}
        </ul>
      )}
      <p>
        <a href={href(ctx, questionsBase(slug))}>{m['questions.homeLink']}</a>
        {props.mayAsk ? (
          <>
            {' · '}
            <a href={href(ctx, askPath(slug))}>{m['questions.ask']}</a>
          </>
        ) : null}
      </p>
    </section>
  );
}
