// Where mails point: the app's public address (BASE_URL). Mails are written inside other modules'
// transactions, which pass no configuration, so the composition root sets it once when the app is made
// (`configureNotificationLinks`, from createApp); the default is the development address.

let baseUrl = 'http://localhost:3000';

export function configureNotificationLinks(options: { baseUrl: string }): void {
  baseUrl = options.baseUrl.replace(/\/$/, '');
}

export function absolute(path: string): string {
  return `${baseUrl}${path.startsWith('/') ? path : `/${path}`}`;
}

export const SETTINGS_PATH = '/min-side/varsler';
export const CHOICE_LINK_PATH = '/varsler';

export function choiceLink(token: string): string {
  return absolute(`${CHOICE_LINK_PATH}/${token}`);
}
