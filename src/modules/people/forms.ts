import type { Lang } from '../../shared/danish.ts';
import { refuseNul } from '../../web/form-guard.ts';
import { messages } from '../../web/i18n.ts';
import type { PersonLink } from '../series/service.ts';
import { peopleMessages } from './messages.ts';
import { BIO_MAX, httpsUrl, LINK_LABEL_MAX, MAX_LINKS, NAME_MAX, TITLE_MAX } from './rules.ts';

// The people module's two forms, read from the posted body: pure, so every message is tested without a
// server. What was typed is handed back with the errors; nothing is stored from a form with an error.

type Body = Record<string, unknown> | undefined;

function text(body: Body, field: string, max = 2000): string {
  const raw = body?.[field];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return typeof first === 'string' ? first.slice(0, max) : '';
}

function all(body: Body, field: string): string[] {
  const raw = body?.[field];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter((v): v is string => typeof v === 'string').slice(0, 50);
}

// ——— Invite ———

export interface InviteValues {
  email: string;
  roles: string[];
}
export type InviteErrors = Partial<Record<'email' | 'roles', string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The invite form: an address, and at least one of the roles offered (keys from invitableRoles). */
export function parseInviteForm(
  body: Body,
  offered: readonly string[],
  lang: Lang,
): { ok: true; email: string; roles: string[] } | { ok: false; values: InviteValues; errors: InviteErrors } {
  const m = peopleMessages(lang);
  const values = {
    email: text(body, 'email', 300),
    roles: all(body, 'roles').filter((r) => offered.includes(r)),
  };
  const errors: InviteErrors = {};
  const email = values.email.trim().toLowerCase();
  if (email === '') errors.email = m['people.invite.error.emailRequired'];
  else if (email.length > 254 || !EMAIL.test(email)) errors.email = m['people.invite.error.email'];
  if (values.roles.length === 0) errors.roles = m['people.invite.error.roles'];
  if (Object.keys(errors).length > 0) return { ok: false, values, errors };
  return { ok: true, email, roles: [...new Set(values.roles)] };
}

// ——— Profile ———

export const LINK_NUMBERS = Array.from({ length: MAX_LINKS }, (_, i) => i + 1);
export const PROFILE_FIELDS = [
  'titleDa',
  'titleEn',
  'bioDa',
  'bioEn',
  ...LINK_NUMBERS.flatMap((n) => [`link${n}Label`, `link${n}Url`]),
] as const;
export type ProfileValues = Record<string, string>;
export type ProfileErrors = Record<string, string>;
type ProfileFields = { titleDa: string; titleEn: string; bioDa: string; bioEn: string; links: PersonLink[] };

/** The form's values from a saved profile. */
export function profileValues(p: {
  titleDa: string;
  titleEn: string;
  bioDa: string;
  bioEn: string;
  links: PersonLink[];
}): ProfileValues {
  const values: ProfileValues = { titleDa: p.titleDa, titleEn: p.titleEn, bioDa: p.bioDa, bioEn: p.bioEn };
  for (const n of LINK_NUMBERS) {
    values[`link${n}Label`] = p.links[n - 1]?.label ?? '';
    values[`link${n}Url`] = p.links[n - 1]?.url ?? '';
  }
  return values;
}

/** How a message names a profile field. */
function profileLabel(m: ReturnType<typeof peopleMessages>, field: string): string {
  const link = /^link(\d)(Label|Url)$/.exec(field);
  if (link) {
    const n = Number(link[1]);
    return link[2] === 'Label' ? m['people.profile.linkLabel'](n) : m['people.profile.linkUrl'](n);
  }
  const labels: Record<string, string> = {
    titleDa: m['people.profile.titleDa'],
    titleEn: m['people.profile.titleEn'],
    bioDa: m['people.profile.bioDa'],
    bioEn: m['people.profile.bioEn'],
  };
  return labels[field] ?? field;
}

export function parseProfileForm(
  body: Body,
  lang: Lang,
):
  | {
      ok: true;
      fields: { titleDa: string; titleEn: string; bioDa: string; bioEn: string; links: PersonLink[] };
    }
  | { ok: false; values: ProfileValues; errors: ProfileErrors } {
  const m = peopleMessages(lang);
  const values: ProfileValues = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, text(body, f)]));
  const errors: ProfileErrors = {};
  const titles = [
    ['titleDa', m['people.profile.titleDa']],
    ['titleEn', m['people.profile.titleEn']],
  ] as const;
  for (const [field, label] of titles) {
    const v = (values[field] ?? '').trim();
    if (v === '') errors[field] = m['people.profile.error.required'](label);
    else if (v.length > TITLE_MAX) errors[field] = m['people.profile.error.tooLong'](label, TITLE_MAX);
  }
  const bios = [
    ['bioDa', m['people.profile.bioDa']],
    ['bioEn', m['people.profile.bioEn']],
  ] as const;
  for (const [field, label] of bios) {
    if ((values[field] ?? '').trim().length > BIO_MAX) {
      errors[field] = m['people.profile.error.tooLong'](label, BIO_MAX);
    }
  }
  const links: PersonLink[] = [];
  for (const n of LINK_NUMBERS) {
    const labelField = `link${n}Label`;
    const urlField = `link${n}Url`;
    const label = (values[labelField] ?? '').trim();
    const url = (values[urlField] ?? '').trim();
    if (label === '' && url === '') continue;
    const labelName = m['people.profile.linkLabel'](n);
    const urlName = m['people.profile.linkUrl'](n);
    if (label === '') errors[labelField] = m['people.profile.error.labelMissing'](labelName);
    else if (label.length > LINK_LABEL_MAX) {
      errors[labelField] = m['people.profile.error.tooLong'](labelName, LINK_LABEL_MAX);
    }
    const valid = url === '' ? null : httpsUrl(url);
    if (url === '') errors[urlField] = m['people.profile.error.urlMissing'](urlName);
    else if (!valid) errors[urlField] = m['people.profile.error.url'](urlName);
    if (valid && !errors[labelField]) links.push({ label, url: valid });
  }
  // A NUL byte in any field: refused, and the page names the field (src/web/form-guard.ts).
  for (const field of PROFILE_FIELDS) {
    refuseNul(body, [field], errors, messages(lang)['form.invalidChar'](profileLabel(m, field)));
  }
  if (Object.keys(errors).length > 0) return { ok: false, values, errors };
  return {
    ok: true,
    fields: {
      titleDa: (values.titleDa ?? '').trim(),
      titleEn: (values.titleEn ?? '').trim(),
      bioDa: (values.bioDa ?? '').trim(),
      bioEn: (values.bioEn ?? '').trim(),
      links,
    },
  };
}

// ——— The organiser's person form ———

/** The organiser's person form: the name first, then the profile's fields. */
export const PERSON_FIELDS = ['name', ...PROFILE_FIELDS] as const;

/** The form's values from a saved person. */
export function personValues(p: Parameters<typeof profileValues>[0] & { name: string }): ProfileValues {
  return { name: p.name, ...profileValues(p) };
}

/**
 * The organiser's form for a public person (create and edit): a name (required, at most NAME_MAX characters)
 * and the profile's titles, bios and links, read as /min-profil reads them.
 */
export function parsePersonForm(
  body: Body,
  lang: Lang,
):
  | { ok: true; fields: ProfileFields & { name: string } }
  | { ok: false; values: ProfileValues; errors: ProfileErrors } {
  const m = peopleMessages(lang);
  const name = text(body, 'name').replace(/\s+/g, ' ').trim();
  const errors: ProfileErrors = {};
  if (name === '') errors.name = m['people.profile.error.required'](m['people.form.name']);
  else if (name.length > NAME_MAX)
    errors.name = m['people.profile.error.tooLong'](m['people.form.name'], NAME_MAX);
  refuseNul(body, ['name'], errors, messages(lang)['form.invalidChar'](m['people.form.name']));
  const profile = parseProfileForm(body, lang);
  if (!profile.ok || errors.name) {
    const values = profile.ok
      ? Object.fromEntries(PROFILE_FIELDS.map((f) => [f, text(body, f)]))
      : profile.values;
    return {
      ok: false,
      values: { name: text(body, 'name'), ...values },
      errors: { ...errors, ...(profile.ok ? {} : profile.errors) },
    };
  }
  return { ok: true, fields: { name, ...profile.fields } };
}
