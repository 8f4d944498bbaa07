// The dilemmas pages' addresses (under the members' home of a series, /mit-hold/:slug).

export const holdHomePath = (slug: string) => `/mit-hold/${slug}`;
export const dilemmasPath = (slug: string) => `/mit-hold/${slug}/dilemmaer`;
export const dilemmaPath = (slug: string, id: string) => `${dilemmasPath(slug)}/${id}`;
export const agendaPath = (slug: string, sessionId: string) => `/mit-hold/${slug}/dagsorden/${sessionId}`;
export const followupFormPath = (slug: string, sessionId: string) =>
  `${agendaPath(slug, sessionId)}/opsamling`;
