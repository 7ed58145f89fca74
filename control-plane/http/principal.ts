/** Who is calling: an API token with a role, or an enrolled device. */
export type Principal =
  | { kind: 'token'; tokenId: string; role: 'admin' | 'viewer' }
  | { kind: 'device'; deviceId: string };

/** The name the audit log records for a principal. */
export function actorName(p: Principal): string {
  return p.kind === 'token' ? `token:${p.tokenId}` : `device:${p.deviceId}`;
}
