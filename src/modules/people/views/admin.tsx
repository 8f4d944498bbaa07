import { formatDate, formatTime, type Lang } from '../../../shared/danish.ts';
import { AlertIcon, CsrfField, ErrorSummary, TextField } from '../../../web/form.tsx';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import type { InviteErrors, InviteValues } from '../forms.ts';
import { peopleMessages } from '../messages.ts';
import type { GrantedRole, PersonAdmin, PersonListItem } from '../service.ts';

// The organiser's person pages: everyone once, what they are in each series, their grants (who, when) and
// the invitation form.

export const PEOPLE_ADMIN_PATH = '/arrangoer/personer';
/** The organiser's form for a new person (`ny` is never a person's slug: series/people-editing.ts). */
export const NEW_PERSON_PATH = `${PEOPLE_ADMIN_PATH}/ny`;
export const editPersonPath = (slug: string) => `${PEOPLE_ADMIN_PATH}/${slug}/rediger`;

const when = (iso: string, lang: Lang) => `${formatDate(iso, lang)} ${formatTime(iso, lang)}`;

export function personListPage(ctx: PageContext, items: PersonListItem[]): string {
  const m = peopleMessages(ctx.lang);
  return renderPage({
    ctx,
    title: m['people.list.title'],
    crumbs: [{ href: '/arrangoer', label: m['people.organiser'] }, { label: m['people.list.title'] }],
    children: (
      <>
        <h1>{m['people.list.title']}</h1>
        <p>{m['people.list.intro']}</p>
        <p>
          <a class="button button-secondary" href={href(ctx, NEW_PERSON_PATH)}>
            {m['people.list.create']}
          </a>
        </p>
        <table class="table table--zebra">
          <thead>
            <tr>
              <th scope="col">{m['people.list.name']}</th>
              <th scope="col">{m['people.list.roles']}</th>
              <th scope="col">{m['people.list.account']}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.person.id}>
                <td>
                  <a href={href(ctx, `${PEOPLE_ADMIN_PATH}/${item.person.slug}`)}>{item.person.name}</a>
                </td>
                <td>
                  {item.cast.length === 0 ? (
                    m['people.list.none']
                  ) : (
                    <ul class="unstyled-list">
                      {item.cast.map((r) => (
                        <li key={r.key}>{r.label}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{item.accountEmail ?? m['people.list.noAccount']}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    ),
  });
}

export interface InviteState {
  csrf: string;
  values: InviteValues;
  errors: InviteErrors;
  sentTo?: string | null;
  /** The person was just created, or their details saved, from the organiser's person form. */
  notice?: 'created' | 'saved' | null;
  /** A role was just revoked (the page says so). */
  revoked?: boolean;
  /** The app clock's now: whether an invitation has expired. */
  now: Date;
}

function roleName(role: GrantedRole, lang: Lang): string {
  const m = peopleMessages(lang);
  const word = m[`people.role.${role}`];
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function personAdminPage(ctx: PageContext, page: PersonAdmin, state: InviteState): string {
  const m = peopleMessages(ctx.lang);
  const { person } = page;
  const summary = (['email', 'roles'] as const).flatMap((field) => {
    const message = state.errors[field];
    return message ? [{ field, message }] : [];
  });
  const now = state.now.getTime();
  return renderPage({
    ctx,
    title: summary.length > 0 ? `${m['people.errorPrefix']}: ${person.name}` : person.name,
    crumbs: [
      { href: '/arrangoer', label: m['people.organiser'] },
      { href: PEOPLE_ADMIN_PATH, label: m['people.list.title'] },
      { label: person.name },
    ],
    children: (
      <>
        <h1>{person.name}</h1>
        <ErrorSummary heading={m['people.errorSummary']} errors={summary} />
        {state.notice ? (
          <div class="alert alert-success" role="status">
            <AlertIcon variant="success" />
            <div class="alert-body">
              <p class="alert-text">
                {state.notice === 'created' ? m['people.page.created'] : m['people.page.saved']}
              </p>
            </div>
          </div>
        ) : null}
        <p class="font-lead">{ctx.lang === 'da' ? person.titleDa : person.titleEn}</p>
        <p>
          <a href={href(ctx, editPersonPath(person.slug))}>{m['people.page.edit']}</a>
        </p>
        {state.sentTo ? (
          <div class="alert alert-success" role="status">
            <AlertIcon variant="success" />
            <div class="alert-body">
              <p class="alert-text">{m['people.invite.sent'](state.sentTo)}</p>
            </div>
          </div>
        ) : null}
        {state.revoked ? (
          <div class="alert alert-success" role="status">
            <AlertIcon variant="success" />
            <div class="alert-body">
              <p class="alert-text">{m['people.revoke.done']}</p>
            </div>
          </div>
        ) : null}

        <h2>{m['people.page.cast']}</h2>
        {page.cast.length === 0 ? (
          <p>{m['people.page.noCast']}</p>
        ) : (
          <ul>
            {page.cast.map((r) => (
              <li key={r.key}>{r.label}</li>
            ))}
          </ul>
        )}

        <h2>{m['people.page.account']}</h2>
        <p>{page.accountEmail ? m['people.page.linkedTo'](page.accountEmail) : m['people.page.notLinked']}</p>

        <h2>{m['people.page.grants']}</h2>
        {page.grants.length === 0 ? (
          <p>{m['people.page.noGrants']}</p>
        ) : (
          <table class="table table--compact">
            <thead>
              <tr>
                <th scope="col">{m['people.page.role']}</th>
                <th scope="col">{m['people.page.series']}</th>
                <th scope="col">{m['people.page.session']}</th>
                <th scope="col">{m['people.page.grantedBy']}</th>
                <th scope="col">{m['people.page.grantedAt']}</th>
                <th scope="col">{m['people.page.status']}</th>
                <th scope="col">{m['people.revoke.column']}</th>
              </tr>
            </thead>
            <tbody>
              {page.grants.map((g) => (
                <tr key={g.id}>
                  <td>{roleName(g.role, ctx.lang)}</td>
                  <td>{g.seriesTitle}</td>
                  <td>{g.sessionOrdinal ?? '–'}</td>
                  <td>{g.grantedByLabel}</td>
                  <td>{when(g.grantedAt, ctx.lang)}</td>
                  <td>
                    {g.revokedAt
                      ? `${m['people.page.revokedAt']} ${when(g.revokedAt, ctx.lang)}`
                      : m['people.page.inForce']}
                  </td>
                  <td>
                    {g.revokedAt ? null : (
                      <form
                        method="post"
                        action={href(ctx, `${PEOPLE_ADMIN_PATH}/${person.slug}/roller/${g.id}/fjern`)}
                      >
                        <CsrfField token={state.csrf} />
                        <button type="submit" class="button button-secondary">
                          {m['people.revoke.button']}
                          <span class="sr-only">
                            {' '}
                            {m['people.revoke.what'](roleName(g.role, ctx.lang), g.seriesTitle)}
                          </span>
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        <h2>{m['people.page.invitations']}</h2>
        {page.invitations.length === 0 ? (
          <p>{m['people.page.noInvitations']}</p>
        ) : (
          <table class="table table--compact">
            <thead>
              <tr>
                <th scope="col">{m['people.page.sentTo']}</th>
                <th scope="col">{m['people.page.sentBy']}</th>
                <th scope="col">{m['people.page.sentAt']}</th>
                <th scope="col">{m['people.page.status']}</th>
              </tr>
            </thead>
            <tbody>
              {page.invitations.map((i) => (
                <tr key={i.id}>
                  <td>{i.email}</td>
                  <td>{i.invitedByLabel}</td>
                  <td>{when(i.createdAt, ctx.lang)}</td>
                  <td>
                    {i.usedAt
                      ? m['people.page.statusUsed'](when(i.usedAt, ctx.lang))
                      : Date.parse(i.expiresAt) <= now
                        ? m['people.page.statusExpired']
                        : m['people.page.statusOpen'](when(i.expiresAt, ctx.lang))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        {page.cast.length > 0 ? (
          <section aria-labelledby="invite">
            <h2 id="invite">{m['people.invite.heading']}</h2>
            <p>{m['people.invite.intro']}</p>
            <form
              method="post"
              action={href(ctx, `${PEOPLE_ADMIN_PATH}/${person.slug}/invitation`)}
              novalidate
            >
              <CsrfField token={state.csrf} />
              <TextField
                name="email"
                type="email"
                label={m['people.invite.email']}
                hint={m['people.invite.emailHint']}
                value={state.values.email}
                error={state.errors.email}
                errorPrefix={m['people.errorPrefix']}
                autocomplete="off"
                required
                width="l"
              />
              <div class={`form-group${state.errors.roles ? ' form-error' : ''}`}>
                <fieldset aria-describedby={state.errors.roles ? 'roles-error' : undefined}>
                  <legend class="form-label">{m['people.invite.roles']}</legend>
                  {state.errors.roles ? (
                    <span class="form-error-message" id="roles-error">
                      <span class="sr-only">{m['people.errorPrefix']}: </span>
                      {state.errors.roles}
                    </span>
                  ) : null}
                  {page.cast.map((r, i) => {
                    const id = i === 0 ? 'roles' : `roles-${i + 1}`;
                    return (
                      <div class="form-group-checkbox" key={r.key}>
                        <input
                          class="form-checkbox"
                          type="checkbox"
                          id={id}
                          name="roles"
                          value={r.key}
                          checked={state.values.roles.includes(r.key)}
                        />
                        <label class="form-label" for={id}>
                          {r.label}
                        </label>
                      </div>
                    );
                  })}
                </fieldset>
              </div>
              <button type="submit" class="button button-primary">
                {m['people.invite.send']}
              </button>
            </form>
          </section>
        ) : null}
      </>
    ),
  });
}
