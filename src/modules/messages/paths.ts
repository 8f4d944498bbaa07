// Where the messages pages live.

export const announcementsPath = (slug: string) => `/mit-hold/${slug}/beskeder`;
export const newAnnouncementPath = (slug: string) => `/mit-hold/${slug}/beskeder/ny`;
export const announcementPath = (slug: string, id: string) => `/mit-hold/${slug}/beskeder/${id}`;
export const myThreadsPath = '/min-side/beskeder';
export const myThreadPath = (slug: string) => `/min-side/beskeder/${slug}`;
export const ORGANISER_THREADS_PATH = '/arrangoer/beskeder';
export const organiserThreadPath = (id: string) => `/arrangoer/beskeder/${id}`;
