import { DEFAULT_STARTER } from './starters';

/** What the editor holds on a first visit: a Deployment with a Service, ready to apply. */
export const STARTER_TEXT = DEFAULT_STARTER.text;
