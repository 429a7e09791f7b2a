/** What the dashboard needs to know of the system, as query-app tells it (GET /api/ui/config). */
export interface UiConfig {
  /** Where command-app answers (commands); queries go to the origin that served the dashboard. */
  commandUrl: string;
  /** LOCAL: the local profile's token helper; OIDC: authorization code with PKCE. */
  signIn: 'LOCAL' | 'OIDC';
  issuer: string | null;
  clientId: string | null;
  scope: string;
  userClaim: string;
  rolesClaim: string;
  teamsClaim: string;
}

export async function loadConfig(): Promise<UiConfig> {
  const answer = await fetch('/api/ui/config');
  if (!answer.ok) {
    throw new Error('GET /api/ui/config answered ' + answer.status);
  }
  return (await answer.json()) as UiConfig;
}
