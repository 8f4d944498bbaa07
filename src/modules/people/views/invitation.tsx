import { AlertIcon, CsrfField } from '../../../web/form.tsx';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import { INVITATION_PATH } from '../emails.ts';
import { peopleMessages } from '../messages.ts';
import type { InvitationFailure } from '../service.ts';

// The page behind an invitation link: GET shows what is offered and a button (mail scanners open links);
// the POST accepts. Someone else signed in is told that the button signs in as the invited address.

export function invitationPage(
  ctx: PageContext,
  input: {
    csrf: string;
    token: string;
    email: string;
    personName: string;
    roles: string[];
    signedInAs: string | null;
  },
): string {
  const m = peopleMessages(ctx.lang);
  const someoneElse = input.signedInAs !== null && input.signedInAs !== input.email;
  return renderPage({
    ctx,
    title: m['people.invitation.title'],
    children: (
      <>
        <h1>{m['people.invitation.title']}</h1>
        <p class="font-lead">{m['people.invitation.intro'](input.personName)}</p>
        <ul>
          {input.roles.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        {someoneElse ? (
          <div class="alert alert-warning" role="status">
            <AlertIcon variant="warning" />
            <div class="alert-body">
              <p class="alert-text">
                {m['people.invitation.someoneElse'](input.signedInAs ?? '', input.email)}
              </p>
            </div>
          </div>
        ) : (
          <p>{m['people.invitation.as'](input.email)}</p>
        )}
        <form method="post" action={href(ctx, `${INVITATION_PATH}/${input.token}`)}>
          <CsrfField token={input.csrf} />
          <button type="submit" class="button button-primary">
            {m['people.invitation.accept']}
          </button>
        </form>
      </>
    ),
  });
}

export function invitationFailedPage(ctx: PageContext, reason: InvitationFailure | 'conflict'): string {
  const m = peopleMessages(ctx.lang);
  const title = m[`people.invitation.failed.${reason}.title`];
  return renderPage({
    ctx,
    title,
    children: (
      <>
        <h1>{title}</h1>
        <p class="font-lead">{m[`people.invitation.failed.${reason}`]}</p>
        <p>
          <a class="button button-secondary" href={href(ctx, '/log-ind')}>
            {m['people.invitation.signIn']}
          </a>
        </p>
      </>
    ),
  });
}
