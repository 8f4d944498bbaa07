import { formatDateLong, unbroken } from '../../../shared/danish.ts';
import { href, type PageContext } from '../../../web/layout.tsx';
import { type MaterialsMessages, materialsMessages } from '../messages.ts';
import { addMaterialPath, holdHomePath, materialPath } from '../paths.ts';
import { NEW_COUNT_CAP } from '../rules.ts';
import type { PhaseLists, Timeline, TimelineItem } from '../service.ts';
import type { Phase } from '../table.ts';

// The materials on Mit hold: the series' own first, then per session (in the order the person sees the
// programme), each before and after the session, newest first; "Ny" on what is new since the last visit.

export interface TimelineSession {
  id: string;
  ordinal: number;
  question: string;
}

function Item({
  ctx,
  m,
  slug,
  item,
}: {
  ctx: PageContext;
  m: MaterialsMessages;
  slug: string;
  item: TimelineItem;
}) {
  return (
    <li class="holdet-material">
      <p class="holdet-material-title">
        <a href={href(ctx, materialPath(slug, item.id))}>{item.title}</a>
        {item.isNew ? <span class="holdet-tag holdet-tag-new"> {m['materials.new']}</span> : null}
        {item.hidden ? <span class="holdet-tag holdet-tag-muted"> {m['materials.hiddenTag']}</span> : null}
      </p>
      <p class="holdet-material-meta">
        {m[`materials.kind.${item.kind}`]} ·{' '}
        {m['materials.addedBy'](item.addedByName, unbroken(formatDateLong(item.createdAt, ctx.lang)))}
        {item.shared ? <> · {m['materials.shared']}</> : null}
      </p>
      {item.description ? <p class="holdet-material-description">{item.description}</p> : null}
    </li>
  );
}

function PhaseBlock(props: {
  ctx: PageContext;
  m: MaterialsMessages;
  slug: string;
  phase: Phase;
  items: TimelineItem[];
  /** The list holds more than it shows. */
  more: boolean;
  /** Null: the person may not add here. */
  add: { sessionId: string | null } | null;
  place: string;
  headingId: string;
}) {
  const { ctx, m, slug, phase, items, add } = props;
  const heading = phase === 'before' ? m['materials.before'] : m['materials.after'];
  return (
    <div class="holdet-material-phase">
      <h4 id={props.headingId}>{heading}</h4>
      {items.length === 0 ? (
        <p>{m['materials.nothingHere']}</p>
      ) : (
        <ul class="nobullet-list holdet-materials" aria-labelledby={props.headingId}>
          {items.map((item) => (
            <Item key={item.id} ctx={ctx} m={m} slug={slug} item={item} />
          ))}
        </ul>
      )}
      {props.more ? (
        <p>
          <a href={href(ctx, `${holdHomePath(slug)}?materialer=alle#${props.headingId}`)}>
            {m['materials.showAll']}
            <span class="sr-only">
              : {props.place}, {heading.toLowerCase()}
            </span>
          </a>
        </p>
      ) : null}
      {add ? (
        <p>
          <a href={href(ctx, addMaterialPath(slug, { sessionId: add.sessionId, phase }))}>
            {m['materials.add']}
            <span class="sr-only">
              : {props.place}, {heading.toLowerCase()}
            </span>
          </a>
        </p>
      ) : null}
    </div>
  );
}

function Place(props: {
  ctx: PageContext;
  m: MaterialsMessages;
  slug: string;
  id: string;
  title: string;
  lists: PhaseLists;
  add: { sessionId: string | null } | null;
}) {
  const { ctx, m, slug, id, title, lists, add } = props;
  return (
    <div class="holdet-material-place">
      <h3 id={id}>{title}</h3>
      {(['before', 'after'] as const).map((phase) => (
        <PhaseBlock
          key={phase}
          ctx={ctx}
          m={m}
          slug={slug}
          phase={phase}
          items={lists[phase]}
          more={lists.more[phase]}
          add={add}
          place={title}
          headingId={`${id}-${phase}`}
        />
      ))}
    </div>
  );
}

/** The whole "Materialer" section of a series' members' home. */
export function MaterialsSection(props: {
  ctx: PageContext;
  slug: string;
  timeline: Timeline;
  /** The sessions in the order the person sees the programme. */
  sessions: readonly TimelineSession[];
}) {
  const { ctx, slug, timeline } = props;
  const m = materialsMessages(ctx.lang);
  return (
    <section aria-labelledby="materials" class="holdet-hold-section">
      <h2 id="materials">{m['materials.title']}</h2>
      <p>{m['materials.intro']}</p>
      {timeline.newCount > 0 ? (
        <p>
          <strong>
            {timeline.newCount >= NEW_COUNT_CAP
              ? m['materials.newMany'](NEW_COUNT_CAP)
              : m['materials.newCount'](timeline.newCount)}
          </strong>
        </p>
      ) : null}
      {timeline.seriesWide ? (
        <Place
          ctx={ctx}
          m={m}
          slug={slug}
          id="materials-series"
          title={m['materials.seriesWide']}
          lists={timeline.seriesWide}
          add={timeline.addTo.seriesWide ? { sessionId: null } : null}
        />
      ) : null}
      {props.sessions.map((s) => {
        const lists = timeline.sessions.get(s.id);
        if (!lists) return null;
        return (
          <Place
            key={s.id}
            ctx={ctx}
            m={m}
            slug={slug}
            id={`materials-session-${s.ordinal}`}
            title={m['materials.sessionHeading'](s.ordinal, s.question)}
            lists={lists}
            add={timeline.addTo.sessionIds.has(s.id) ? { sessionId: s.id } : null}
          />
        );
      })}
    </section>
  );
}
