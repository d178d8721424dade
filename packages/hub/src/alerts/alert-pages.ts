import { PROCEDURES } from '../notices/response-times.js';
import type { AlertCriteria } from './alert-criteria.js';
import { escapeHtml } from '../shared/html.js';
import { describeCriteria, FREQUENCY_LABELS, PROCEDURE_LABELS, type CriteriaNames } from './alert-format.js';
import { FORM_FIELDS } from './alert-form.js';
import { ALERT_FREQUENCIES, type AlertFrequency } from './alert-subscription.entity.js';

/**
 * The few pages the hub itself serves to the public: the ones behind a secret link (confirm, unsubscribe, manage),
 * which a static site cannot fill in, and the answer to a refused form. French, accessible, no JavaScript; a button
 * confirms or deletes (a mail scanner that follows links changes nothing).
 */
export interface PageSite {
  siteUrl: string;
}

const STYLE = `body{font-family:system-ui,sans-serif;line-height:1.5;max-width:46rem;margin:0 auto;padding:1rem;color:#1b1b1b}
a{color:#000091}button{font:inherit;padding:.5rem 1rem;background:#000091;color:#fff;border:0;border-radius:4px;cursor:pointer}
button.secondary{background:#fff;color:#000091;border:1px solid #000091}button:focus,a:focus,input:focus,select:focus{outline:3px solid #0a76f6;outline-offset:2px}
fieldset{border:1px solid #ccc;margin:1rem 0;padding:.5rem 1rem}label{display:block;margin:.25rem 0}input[type=text],input[type=email],textarea{font:inherit;width:100%;max-width:30rem;padding:.25rem}
.checks label{display:inline-block;margin-right:1rem}.notice{background:#e8edff;padding:.5rem 1rem;border-left:4px solid #000091}.error{background:#ffe9e9;padding:.5rem 1rem;border-left:4px solid #ce0500}`;

export function page(site: PageSite, title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)} — Marchés publics de la Dracénie</title><style>${STYLE}</style></head>
<body><header><p><a href="${escapeHtml(site.siteUrl)}/">Marchés publics de la Dracénie</a></p></header>
<main id="contenu"><h1>${escapeHtml(title)}</h1>
${body}
</main>
<footer><p><a href="${escapeHtml(site.siteUrl)}/alertes/">Les alertes par courriel</a></p></footer></body></html>`;
}

const hidden = (name: string, value: string) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;

export function confirmPage(site: PageSite, token: string): string {
  return page(site, 'Confirmer votre alerte', `<p>Validez pour recevoir les avis de marchés publics qui répondent à vos critères.</p>
<form method="post" action="/alerts/confirm">${hidden('token', token)}<button type="submit">Confirmer mon alerte</button></form>`);
}

export function invalidLinkPage(site: PageSite): string {
  return page(site, 'Lien expiré ou déjà utilisé', `<p>Ce lien n’est plus valable : la demande a déjà été confirmée, ou elle date de plus de 7 jours et a été effacée, ou l’alerte a été supprimée.</p>
<p><a href="${escapeHtml(site.siteUrl)}/alertes/">Créer une nouvelle alerte</a></p>`);
}

export function unsubscribePage(site: PageSite, token: string): string {
  return page(site, 'Se désabonner', `<p>Votre alerte sera supprimée, avec votre adresse si vous n’avez pas d’autre alerte.</p>
<form method="post" action="/alerts/unsubscribe?token=${encodeURIComponent(token)}"><button type="submit">Me désabonner</button></form>
<p><a href="/alerts/manage?token=${encodeURIComponent(token)}">Modifier plutôt les critères</a></p>`);
}

export function problemPage(site: PageSite, message: string, field: string): string {
  return page(site, 'Le formulaire n’a pas pu être envoyé', `<div class="error" role="alert"><p>${escapeHtml(message)}</p><p>(champ : ${escapeHtml(FIELD_LABELS[field] ?? field)})</p></div>
<p>Revenez à la page précédente de votre navigateur pour corriger, ou <a href="${escapeHtml(site.siteUrl)}/alertes/">recommencez</a>.</p>`);
}

export function tooManyRequestsPage(site: PageSite, retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return page(site, 'Trop de demandes', `<p>Trop de demandes sont venues de votre connexion. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.</p>`);
}

const FIELD_LABELS: Record<string, string> = {
  email: 'adresse électronique',
  frequency: 'fréquence',
  communes: 'communes',
  buyers: 'acheteurs',
  families: 'familles d’achats',
  cpv: 'codes CPV',
  keywords: 'mots-clés',
  minAmount: 'montant minimum',
  maxAmount: 'montant maximum',
  procedures: 'procédures',
};

export interface CriteriaChoices {
  communes: Array<{ value: string; label: string }>;
  buyers: Array<{ value: string; label: string }>;
  families: Array<{ value: string; label: string }>;
}

const euros = (amount: number | null) => (amount === null ? '' : String(amount));

/** The criteria fields, the same names as the site's form (`FORM_FIELDS`), filled with the current values. */
export function criteriaFields(choices: CriteriaChoices, criteria: AlertCriteria, frequency: AlertFrequency): string {
  const checks = (legend: string, name: string, options: Array<{ value: string; label: string }>, selected: string[]) =>
    `<fieldset class="checks"><legend>${escapeHtml(legend)}</legend>${options
      .map((option, index) => {
        const id = `${name}-${index}`;
        return `<label for="${id}"><input type="checkbox" id="${id}" name="${name}" value="${escapeHtml(option.value)}"${selected.includes(option.value) ? ' checked' : ''}> ${escapeHtml(option.label)}</label>`;
      })
      .join('')}</fieldset>`;
  return [
    `<fieldset><legend>Fréquence</legend>${ALERT_FREQUENCIES.map(
      (value) => `<label><input type="radio" name="${FORM_FIELDS.frequency}" value="${value}"${value === frequency ? ' checked' : ''}> ${escapeHtml(FREQUENCY_LABELS[value])}</label>`,
    ).join('')}</fieldset>`,
    checks('Communes (où le marché s’exécute)', FORM_FIELDS.communes, choices.communes, criteria.communes),
    checks('Acheteurs', FORM_FIELDS.buyers, choices.buyers, criteria.buyers),
    checks('Familles d’achats', FORM_FIELDS.families, choices.families, criteria.families),
    `<label for="cpv">Codes CPV ou débuts de codes (séparés par des espaces ou des virgules)</label><input type="text" id="cpv" name="${FORM_FIELDS.cpv}" value="${escapeHtml(criteria.cpvPrefixes.join(', '))}" inputmode="numeric">`,
    `<label for="keywords">Mots-clés (séparés par des virgules)</label><input type="text" id="keywords" name="${FORM_FIELDS.keywords}" value="${escapeHtml(criteria.keywords.join(', '))}">`,
    `<label for="minAmount">Montant estimé minimum (€ HT)</label><input type="text" id="minAmount" name="${FORM_FIELDS.minAmount}" value="${euros(criteria.minAmount)}" inputmode="numeric">`,
    `<label for="maxAmount">Montant estimé maximum (€ HT)</label><input type="text" id="maxAmount" name="${FORM_FIELDS.maxAmount}" value="${euros(criteria.maxAmount)}" inputmode="numeric">`,
    checks('Procédures', FORM_FIELDS.procedures, PROCEDURES.map((value) => ({ value, label: PROCEDURE_LABELS[value] })), criteria.procedures),
    `<label><input type="checkbox" name="${FORM_FIELDS.includePlanned}" value="on"${criteria.includePlanned ? ' checked' : ''}> Recevoir aussi les achats prévus (programmation)</label>`,
  ].join('\n');
}

export function managePage(
  site: PageSite,
  input: { token: string; criteria: AlertCriteria; frequency: AlertFrequency; confirmed: boolean; names: CriteriaNames; choices: CriteriaChoices; saved: boolean },
): string {
  const token = encodeURIComponent(input.token);
  const summary = describeCriteria(input.criteria, input.names)
    .map((line) => `<li>${escapeHtml(line)}</li>`)
    .join('');
  return page(site, 'Modifier votre alerte', `${input.saved ? '<p class="notice" role="status">Vos nouveaux critères sont enregistrés.</p>' : ''}
${input.confirmed ? '' : '<p class="notice">Cette alerte n’est pas encore confirmée : suivez le lien du courriel de confirmation.</p>'}
<h2>Critères actuels</h2><ul>${summary}</ul><p>Fréquence : ${escapeHtml(FREQUENCY_LABELS[input.frequency])}.</p>
<h2>Changer les critères</h2>
<p>Une catégorie laissée vide ne restreint pas ; les critères de catégories différentes s’ajoutent (par exemple : à Lorgues <em>et</em> en espaces verts).</p>
<form method="post" action="/alerts/manage?token=${token}">
${criteriaFields(input.choices, input.criteria, input.frequency)}
<p><button type="submit">Enregistrer</button></p>
</form>
<h2>Arrêter</h2>
<form method="post" action="/alerts/unsubscribe?token=${token}"><button type="submit" class="secondary">Supprimer cette alerte</button></form>
<form method="post" action="/alerts/forget?token=${token}"><p><button type="submit" class="secondary">Supprimer toutes mes alertes et mon adresse</button></p></form>`);
}
