// The questions pages' addresses (under the members' home of a series, /mit-hold/:slug).

export const holdHomePath = (slug: string) => `/mit-hold/${slug}`;
export const questionsBase = (slug: string) => `/mit-hold/${slug}/spoergsmaal`;
export const questionPath = (slug: string, id: string) => `${questionsBase(slug)}/${id}`;
export const askPath = (slug: string) => `${questionsBase(slug)}/ny`;
export const postPath = (slug: string, questionId: string, postId: string) =>
  `${questionPath(slug, questionId)}/indlaeg/${postId}`;
export const ORGANISER_QUESTIONS_PATH = '/arrangoer/spoergsmaal';
