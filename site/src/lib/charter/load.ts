import { optionalSection, type Attempt } from '../build-report/left-out.js';
import { buildHubClient } from '../hub/build-client.js';
import { HubError, queryHub } from '../hub/client.js';
import type { LoadOptions } from '../hub/load.js';
import { publishedStaffFigures, type PublishedStaffFigures } from '../staff-figures/shares.js';
import type { CharterAdoption, EthicsCharter } from './types.js';

export const CHARTER_QUERY = `query SiteCharter {
  ethicsCharter { version title text publishedAt }
  charterAdoption { version withheld headcount signedCount signedShare
    organisations { organisation { slug name kind } withheld headcount signedCount signedShare } }
}`;

/** Who signed a version, as the hub publishes it: `count` is how many signed, withheld where it would describe anyone. */
export interface SignedStaff {
  version: number;
  figures: PublishedStaffFigures;
}

/** Both null before the first charter is published. */
export type CharterData = { charter: EthicsCharter; adoption: SignedStaff } | { charter: null; adoption: null };

export function signedStaff(adoption: CharterAdoption): SignedStaff {
  const figure = (row: Pick<CharterAdoption, 'withheld' | 'headcount' | 'signedCount' | 'signedShare'>) => ({
    withheld: row.withheld,
    headcount: row.headcount,
    count: row.signedCount,
    share: row.signedShare,
  });
  return {
    version: adoption.version,
    figures: publishedStaffFigures(
      figure(adoption),
      adoption.organisations.map((row) => ({ organisation: row.organisation, ...figure(row) })),
    ),
  };
}

/**
 * The current charter and who signed it, in numbers. The two must be about the same version: otherwise a new one
 * was published while the hub answered, and the page would put one version's figures under another's text.
 */
export async function loadCharter(options: LoadOptions): Promise<CharterData> {
  const { ethicsCharter: charter, charterAdoption: adoption } = await queryHub<{
    ethicsCharter: EthicsCharter | null;
    charterAdoption: CharterAdoption | null;
  }>(options, CHARTER_QUERY);
  if (charter === null && adoption === null) return { charter, adoption };
  if (charter === null || adoption === null || charter.version !== adoption.version) {
    throw new HubError(
      `the hub's charter (version ${charter?.version ?? 'none'}) and its signatures (version ${adoption?.version ?? 'none'}) ` +
        'do not match; a new version was probably published during the build, which must be run again',
    );
  }
  return { charter, adoption: signedStaff(adoption) };
}

export const CHARTER_PAGE = '/deontologie/';
export const CHARTER_LEFT_OUT = 'La charte de déontologie en vigueur et la part des agents qui l’ont signée';

const charter = optionalSection({
  source: 'charter',
  page: CHARTER_PAGE,
  what: CHARTER_LEFT_OUT,
  load: () => loadCharter(buildHubClient()),
});

/**
 * What /deontologie/ shows, or why the hub's data could not be shown (the page then says so; the build goes on).
 * Two versions that do not match still fail the build: the next one will read them matching.
 */
export function getCharter(): Promise<Attempt<CharterData>> {
  return charter.get();
}

/** The next read downloads again (a full build of a long-lived renderer reads everything afresh). */
export function forgetCharter(): void {
  charter.forget();
}
