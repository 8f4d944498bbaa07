import { formatDateLong, formatTime } from '../../../shared/danish.ts';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import { DilemmasOnHome, SessionAgenda } from '../../dilemmas/service.ts';
import { DirectorySection } from '../../directory/service.ts';
import { MaterialsSection } from '../../materials/service.ts';
import { MessagesSection } from '../../messages/service.ts';
import { QuestionsSection } from '../../questions/service.ts';
import { SearchBox } from '../../search/service.ts';
import { CancelledTag, Place, personPath, seriesPath, sessionPath, When } from '../../series/service.ts';
import { membersMessages } from '../messages.ts';
import type { HoldHome, HoldListItem, Standing } from '../service.ts';

export const MEMBERS_PATH = '/mit-hold';
export const holdPath = (slug: string) => `${MEMBERS_PATH}/${slug}`;

const at = (ctx: PageContext, iso: string) =>
  `${formatDateLong(iso, ctx.lang)} ${ctx.lang === 'da' ? 'kl.' : 'at'} ${formatTime(iso, ctx.lang)}`;

function StandingText({ ctx, standing }: { ctx: PageContext; standing: Standing }) {
  const m = membersMessages(ctx.lang);
  if (standing.status === 'awaiting' && standing.awaitingUntil) {
    return <p>{m['members.awaiting'](at(ctx, standing.awaitingUntil))}</p>;
  }
  if (standing.status === 'waitlisted') {
    return (
      <p>
        {standing.position ? m['members.waitlisted'](standing.position) : m['members.waitlistedNoPosition']}
      </p>
    );
  }
  if (standing.status === 'offered') return <p>{m['members.offered']}</p>;
  return null;
}

/** /mit-hold: every series the person belongs to, or stands in line for. */
export function holdListPage(ctx: PageContext, items: HoldListItem[]): string {
  const m = membersMessages(ctx.lang);
  return renderPage({
    ctx,
    title: m['members.title'],
    crumbs: [{ label: m['members.title'] }],
    children: (
      <>
        <h1>{m['members.title']}</h1>
        <p class="font-lead">{m['members.intro']}</p>
        {items.some((item) => item.member) ? <SearchBox ctx={ctx} /> : null}
        {items.length === 0 ? (
          <>
            <p>{m['members.none']}</p>
            <p>
              <a href={href(ctx, '/')}>{m['members.seeSeries']}</a>
            </p>
          </>
        ) : (
          <ul class="nobullet-list holdet-hold-list">
            {items.map((item) => (
              <li key={item.slug}>
                <h2 class="h3">
                  <a href={href(ctx, holdPath(item.slug))}>{item.title}</a>
                </h2>
                <p>
                  {item.member ? (
                    <>
                      {m['members.yourRole']}: <strong>{item.rolesText}</strong>
                    </>
                  ) : item.standing ? (
                    m[`members.statusWord.${item.standing.status}`]
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        )}
      </>
    ),
  });
}

/** /mit-hold/:slug: the members' home of one series; a waitlisted or awaiting person sees only their standing. */
export function holdHomePage(ctx: PageContext, home: HoldHome): string {
  const m = membersMessages(ctx.lang);
  const slug = home.summary.slug;
  const onlyOwn = home.roles.length > 0 && home.roles.every((r) => r === 'substitute');
  const ownFirst =
    home.roles.includes('expert') && !home.roles.includes('organiser') && !home.roles.includes('facilitator');
  return renderPage({
    ctx,
    title: home.title,
    crumbs: [{ href: MEMBERS_PATH, label: m['members.title'] }, { label: home.title }],
    children: (
      <>
        <p class="holdet-kicker">{m['members.title']}</p>
        <h1>{home.title}</h1>
        <p>
          <a href={href(ctx, seriesPath(slug))}>{m['members.publicPage']}</a>
        </p>
        {home.member ? (
          <p class="font-lead">
            {m['members.yourRole']}: <strong>{home.rolesText}</strong>
          </p>
        ) : null}
        {home.standing ? (
          <section aria-labelledby="standing">
            <h2 id="standing">{m['members.standing']}</h2>
            <StandingText ctx={ctx} standing={home.standing} />
            {home.member ? null : <p>{m['members.notMemberYet']}</p>}
            <p>
              <a href={href(ctx, '/min-side')}>{m['members.toMyPage']}</a>
            </p>
          </section>
        ) : null}
        {home.member ? (
          <>
            <SearchBox ctx={ctx} hold={slug} />
            <section aria-labelledby="programme">
              <h2 id="programme">{m['members.programme']}</h2>
              <p>
                {m['members.programmeIntro']}{' '}
                {onlyOwn ? m['members.onlyYourSession'] : ownFirst ? m['members.yourSessionsFirst'] : null}
              </p>
              <ol class="nobullet-list holdet-programme">
                {home.programme.map(({ session, yours, meetingUrl }) => (
                  <li key={session.id} class={yours ? 'holdet-programme-yours' : undefined}>
                    <h3>
                      <CancelledTag session={session} lang={ctx.lang} />
                      {m['members.session'](session.ordinal)}: {session.question}
                      {yours ? <span class="holdet-tag"> {m['members.yours']}</span> : null}
                    </h3>
                    <dl class="holdet-facts">
                      <dt>{m['members.time']}</dt>
                      <dd>
                        <When startsAt={session.startsAt} endsAt={session.endsAt} lang={ctx.lang} />
                      </dd>
                      <dt>{m['members.place']}</dt>
                      <dd>
                        <Place session={session} lang={ctx.lang} />
                        {meetingUrl ? (
                          <>
                            <br />
                            <a href={meetingUrl} rel="noreferrer">
                              {m['members.meetingLink']}
                              <span class="sr-only">: {m['members.session'](session.ordinal)}</span>
                            </a>
                          </>
                        ) : null}
                      </dd>
                      <dt>{m['members.expert']}</dt>
                      <dd>
                        {session.expert ? (
                          <a href={href(ctx, personPath(session.expert.slug))}>{session.expert.name}</a>
                        ) : (
                          m['members.noExpert']
                        )}
                      </dd>
                    </dl>
                    {home.dilemmas ? (
                      <SessionAgenda
                        ctx={ctx}
                        slug={slug}
                        sessionId={session.id}
                        ordinal={session.ordinal}
                        lines={home.dilemmas.agendas.get(session.id)}
                        mayManage={home.dilemmas.mayManage}
                      />
                    ) : null}
                    <p>
                      <a href={href(ctx, sessionPath(slug, session.ordinal))}>
                        {m['members.sessionPage']}
                        <span class="sr-only">: {m['members.session'](session.ordinal)}</span>
                      </a>
                    </p>
                  </li>
                ))}
              </ol>
            </section>
            {home.materials ? (
              <MaterialsSection
                ctx={ctx}
                slug={slug}
                timeline={home.materials}
                sessions={home.programme.map(({ session }) => ({
                  id: session.id,
                  ordinal: session.ordinal,
                  question: session.question,
                }))}
              />
            ) : null}
            {home.questions ? (
              <QuestionsSection
                ctx={ctx}
                slug={slug}
                newest={home.questions.newest}
                waiting={home.questions.waiting}
                ordinals={new Map(home.programme.map(({ session }) => [session.id, session.ordinal]))}
                mayAsk={home.questions.mayAsk}
                addressee={home.questions.addressee}
                now={home.questions.now}
              />
            ) : null}
            {home.messages ? <MessagesSection ctx={ctx} slug={slug} messages={home.messages} /> : null}
            {home.directory ? (
              <DirectorySection ctx={ctx} slug={slug} mayJoin={home.directory.mayJoin} />
            ) : null}
            {home.dilemmas ? (
              <DilemmasOnHome
                ctx={ctx}
                slug={slug}
                mayList={home.dilemmas.mayList}
                expertView={home.dilemmas.expertView}
              />
            ) : null}
          </>
        ) : null}
      </>
    ),
  });
}
