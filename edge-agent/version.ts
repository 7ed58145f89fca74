/** Reported at enrollment and in presence messages; bumped with the package version. */
export const AGENT_VERSION = '0.1.0';
