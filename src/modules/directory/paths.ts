// Where the directory pages live.

export const directoryPath = (slug: string) => `/mit-hold/${slug}/deltagere`;
export const DIRECTORY_CHOICES_PATH = '/min-side/medlemsoversigt';
