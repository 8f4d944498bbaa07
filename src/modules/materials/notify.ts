import type { Tx } from '../../db/database.ts';
import * as notifications from '../notifications/service.ts';
import { type Membership, seriesAudience } from '../people/service.ts';
import * as series from '../series/service.ts';
import { materialsMessages } from './messages.ts';
import type { Material } from './model.ts';
import { materialPath } from './paths.ts';
import { maySeeMaterial } from './rules.ts';

// A new material is told (kind `materials`) to every member who may see it (rules' maySeeMaterial: a
// session's material its substitutes too, the series' own not a substitute-only), never to the one who added
// it, and never for a hidden one. In the transaction that adds it; a handful of queries and one insert per
// 50 recipients, however many members the series has.

export async function notifyNewMaterial(
  tx: Tx,
  material: Material,
  hold: { seriesId: string; slug: string },
  addedBy: string | null,
  now: Date,
): Promise<void> {
  // The demo's seed (no account) tells nobody; a hidden material is for nobody new.
  if (addedBy === null || material.hidden) return;
  const facts = { sessionId: material.sessionId, hidden: false, addedBy };
  const [audience, sessions] = await Promise.all([
    seriesAudience(tx, hold.seriesId, now),
    material.sessionId ? series.sessionRefs(tx, [material.sessionId]) : Promise.resolve([]),
  ]);
  const ordinal = sessions[0]?.ordinal ?? null;
  const [da, en] = [materialsMessages('da'), materialsMessages('en')];
  const where = (m: typeof da) =>
    ordinal === null ? m['materials.notify.series'] : m['materials.notify.session'](ordinal);
  const items = audience
    .filter((member) => member.accountId !== addedBy)
    .filter((member) => {
      const membership: Membership = {
        seriesId: hold.seriesId,
        seriesSlug: hold.slug,
        roles: member.roles,
        expertSessionIds: member.expertSessionIds,
        substituteSessionIds: member.substituteSessionIds,
        registration: null,
      };
      return maySeeMaterial(membership, facts, member.accountId);
    })
    .map(
      (member): notifications.NotificationInput => ({
        accountId: member.accountId,
        kind: 'materials',
        seriesId: hold.seriesId,
        subject: {
          da: da['materials.notify.subject'](material.title),
          en: en['materials.notify.subject'](material.title),
        },
        text: {
          da: da['materials.notify.text'](da[`materials.kind.${material.kind}`], where(da)),
          en: en['materials.notify.text'](en[`materials.kind.${material.kind}`], where(en)),
        },
        path: materialPath(hold.slug, material.id),
        key: `material:${material.id}`,
      }),
    );
  await notifications.notify(tx, items, now);
}
