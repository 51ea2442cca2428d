// No schema library here: this module is part of the content script, which every Lever page loads
// (the environment's schema is in environment-schema.ts).

/** Lever runs three environments; each has its own API host and web-app host. */
export const LEVER_ENVIRONMENT_NAMES = ['production', 'eu', 'sandbox'] as const;
export type LeverEnvironment = (typeof LEVER_ENVIRONMENT_NAMES)[number];

export const LEVER_ENVIRONMENTS: Record<LeverEnvironment, { api: string; app: string }> = {
  production: { api: 'https://api.lever.co/v1', app: 'https://hire.lever.co' },
  eu: { api: 'https://api.eu.lever.co/v1', app: 'https://hire.eu.lever.co' },
  sandbox: { api: 'https://api.sandbox.lever.co/v1', app: 'https://hire.sandbox.lever.co' },
};

export const CODERPAD_API = 'https://app.coderpad.io/api';

/** Hosts on which a pad link may live. Anything else is not shown as a pad link. */
export const CODERPAD_PAD_HOSTS = ['coderpad.io', 'app.coderpad.io'];

export const LEVER_APP_HOSTS = Object.values(LEVER_ENVIRONMENTS).map((e) => new URL(e.app).host);

export function environmentOfAppHost(host: string): LeverEnvironment | undefined {
  return LEVER_ENVIRONMENT_NAMES.find((env) => new URL(LEVER_ENVIRONMENTS[env].app).host === host);
}

/** The candidate page of an opportunity, built from the environment and the id, never from an answer. */
export function candidateUrl(environment: LeverEnvironment, opportunityId: string): string {
  return `${LEVER_ENVIRONMENTS[environment].app}/candidates/${encodeURIComponent(opportunityId)}`;
}
