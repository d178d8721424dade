/** The links of the alert mails, all to the hub's public endpoints (`HUB_PUBLIC_URL`). */
export interface AlertLinks {
  confirm(token: string): string;
  manage(manageToken: string): string;
  unsubscribe(manageToken: string): string;
  notice(reference: string): string;
  /** A planned purchase's page in the forward plan. */
  plan(reference: string): string;
  subscribePage: string;
}

export function alertLinks(urls: { siteUrl: string; hubPublicUrl: string }): AlertLinks {
  const hub = (path: string, token: string) => `${urls.hubPublicUrl}${path}?token=${encodeURIComponent(token)}`;
  return {
    confirm: (token) => hub('/alerts/confirm', token),
    manage: (token) => hub('/alerts/manage', token),
    unsubscribe: (token) => hub('/alerts/unsubscribe', token),
    notice: (reference) => `${urls.siteUrl}/avis/${encodeURIComponent(reference)}/`,
    plan: (reference) => `${urls.siteUrl}/programmation/${encodeURIComponent(reference)}/`,
    subscribePage: `${urls.siteUrl}/alertes/`,
  };
}

/** RFC 2369 and RFC 8058: mail clients show an "unsubscribe" button that POSTs to the link, no page to open. */
export function unsubscribeHeaders(links: AlertLinks, manageToken: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${links.unsubscribe(manageToken)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
