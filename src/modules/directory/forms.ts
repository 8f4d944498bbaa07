import type { Lang } from '../../shared/danish.ts';
import { CONFIRM_FIELD, checkPersonalData } from '../../shared/personal-data.ts';
import { directoryMessages } from './messages.ts';
import { WORK_ON_MAX } from './rules.ts';

// The directory choices form, read from the posted fields: pure. Per series a checkbox `samtykke_<id>` and a
// text `arbejde_<id>`; only the series the person may join are read (the caller gives their ids). The text
// passes the personal-data guard like every post.

export const consentField = (seriesId: string) => `samtykke_${seriesId}`;
export const workOnField = (seriesId: string) => `arbejde_${seriesId}`;

export interface ChoiceValues {
  seriesId: string;
  consent: boolean;
  workOn: string;
}

export type ParsedChoices =
  | { ok: true; choices: ChoiceValues[] }
  | {
      ok: false;
      choices: ChoiceValues[];
      errors: Record<string, string>;
      warnings: Record<string, string>;
      confirmed: boolean;
    };

export function parseChoices(
  body: Record<string, unknown>,
  seriesIds: readonly string[],
  lang: Lang,
): ParsedChoices {
  const m = directoryMessages(lang);
  const str = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '');
  const choices = seriesIds.map((id) => ({
    seriesId: id,
    consent: str(body[consentField(id)]) !== '',
    workOn: str(body[workOnField(id)]),
  }));
  const errors: Record<string, string> = {};
  for (const c of choices) {
    if (c.workOn.length > WORK_ON_MAX)
      errors[workOnField(c.seriesId)] = m['dir.error.workOnLong'](WORK_ON_MAX);
  }
  const confirmed = str(body[CONFIRM_FIELD]) !== '';
  const check = checkPersonalData(
    Object.fromEntries(choices.map((c) => [workOnField(c.seriesId), c.workOn])),
    confirmed,
    lang,
  );
  for (const [f, msg] of Object.entries(check.errors)) errors[f] ??= msg;
  const warnings: Record<string, string> = {};
  if (!confirmed) {
    for (const [f, msg] of Object.entries(check.warnings)) {
      warnings[f] = msg;
      errors[f] ??= msg;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, choices, errors, warnings, confirmed };
  return { ok: true, choices };
}
