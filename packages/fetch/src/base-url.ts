/** Where the ChatRoutes API lives. Every path of the spec is relative to it. */
export const DEFAULT_BASE_URL = 'https://api.chatroutes.com/api/v1';
