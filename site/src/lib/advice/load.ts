import { optionalSection, type Attempt } from '../build-report/left-out.js';
import { buildHubClient } from '../hub/build-client.js';
import { queryHub } from '../hub/client.js';
import type { LoadOptions } from '../hub/load.js';
import type { AdviceStatistics } from './types.js';

const FIGURES = 'requestCount answeredCount medianWorkingDaysToFirstAnswer withheld medianWithheld';

export const ADVICE_STATISTICS_QUERY = `query SiteAdviceStatistics {
  adviceStatistics { minimumPeople
    years { year ${FIGURES}
      stages { stage label ${FIGURES} }
      families { family { slug name } ${FIGURES} } } }
}`;

export async function loadAdviceStatistics(options: LoadOptions): Promise<AdviceStatistics> {
  return (await queryHub<{ adviceStatistics: AdviceStatistics }>(options, ADVICE_STATISTICS_QUERY)).adviceStatistics;
}

/** Where the advice figures are shown. */
export const ADVICE_PAGE = '/indicateurs/';
export const ADVICE_LEFT_OUT =
  'Les chiffres du conseil aux communes (demandes par étape et par famille d’achats, délai médian de première réponse)';

const statistics = optionalSection({
  source: 'advice',
  page: ADVICE_PAGE,
  what: ADVICE_LEFT_OUT,
  load: () => loadAdviceStatistics(buildHubClient()),
});

/**
 * The advice figures of /indicateurs/, or why the hub could not give them: like every indicator, they are left out
 * with a notice on the page and in the build report rather than failing the build.
 */
export function getAdviceStatistics(): Promise<Attempt<AdviceStatistics>> {
  return statistics.get();
}

/** The next read downloads again; forgetIndicators() calls it, since these figures belong to the indicators page. */
export function forgetAdviceStatistics(): void {
  statistics.forget();
}
