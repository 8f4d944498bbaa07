import { href, type PageContext } from '../../../web/layout.tsx';
import { dilemmasMessages } from '../messages.ts';
import { agendaPath, dilemmaPath, dilemmasPath } from '../paths.ts';

// What Mit hold shows of the dilemmas: each session's agenda in the programme, and the section that links to
// the dilemmas. Fed by the service (agendasForHome, one query for every session).

export interface HomeAgendaLine {
  id: string;
  kind: 'point' | 'dilemma';
  text: string | null;
  dilemmaId: string | null;
}

/** A session's agenda inside the programme (nothing when it has none and the person does not keep it). */
export function SessionAgenda(props: {
  ctx: PageContext;
  slug: string;
  sessionId: string;
  ordinal: number;
  lines: readonly HomeAgendaLine[] | undefined;
  mayManage: boolean;
}) {
  const { ctx, slug, lines } = props;
  const m = dilemmasMessages(ctx.lang);
  if ((!lines || lines.length === 0) && !props.mayManage) return null;
  const id = `agenda-${props.sessionId}`;
  return (
    <div class="holdet-agenda-home">
      <h4 id={id}>
        {m['agenda.onHome']}
        <span class="sr-only">: session {props.ordinal}</span>
      </h4>
      {lines && lines.length > 0 ? (
        <ol class="holdet-agenda">
          {lines.map((l) => (
            <li key={l.id}>
              {l.kind === 'dilemma' ? (
                l.dilemmaId && l.text !== null ? (
                  <a href={href(ctx, dilemmaPath(slug, l.dilemmaId))}>{m['mail.dilemma'](l.text)}</a>
                ) : l.text !== null ? (
                  m['mail.dilemma'](l.text)
                ) : (
                  m['agenda.aDilemma']
                )
              ) : (
                l.text
              )}
            </li>
          ))}
        </ol>
      ) : (
        <p>{m['agenda.empty']}</p>
      )}
      {props.mayManage ? (
        <p>
          <a href={href(ctx, agendaPath(slug, props.sessionId))}>
            {m['agenda.edit']}
            <span class="sr-only">: session {props.ordinal}</span>
          </a>
        </p>
      ) : null}
    </div>
  );
}

/** The "Dilemmaer" section of Mit hold: what it is and the link (for those who may see dilemmas). */
export function DilemmasOnHome(props: {
  ctx: PageContext;
  slug: string;
  mayList: boolean;
  expertView: boolean;
}) {
  const m = dilemmasMessages(props.ctx.lang);
  if (!props.mayList) return null;
  return (
    <section aria-labelledby="dilemmas" class="holdet-hold-section">
      <h2 id="dilemmas">{m['home.heading']}</h2>
      <p>{props.expertView ? m['home.expertText'] : m['home.text']}</p>
      <p>
        <a href={href(props.ctx, dilemmasPath(props.slug))}>{m['home.link']}</a>
      </p>
    </section>
  );
}
