// The public advice figures as the site reads them from the hub's `adviceStatistics` (load.ts): every field picked
// from schema.generated.ts, so a field that leaves the schema or changes its type fails the site's type-check.
import type * as Hub from '../hub/schema.generated.js';

export type AdviceWithheldReason = Hub.AdviceFiguresWithheldReason;

type FigureFields = 'requestCount' | 'answeredCount' | 'medianWorkingDaysToFirstAnswer' | 'withheld' | 'medianWithheld';

export type AdviceFigures = Pick<Hub.AdviceYearStatistics, FigureFields>;

export type AdviceStageFigures = Pick<Hub.AdviceStageStatistics, FigureFields | 'stage' | 'label'>;

export type AdviceFamilyFigures = Pick<Hub.AdviceFamilyStatistics, FigureFields> & {
  family: Pick<Hub.PurchasingFamily, 'slug' | 'name'>;
};

export type AdviceYearFigures = Pick<Hub.AdviceYearStatistics, FigureFields | 'year'> & {
  stages: AdviceStageFigures[];
  families: AdviceFamilyFigures[];
};

export type AdviceStatistics = Pick<Hub.AdviceStatistics, 'minimumPeople'> & { years: AdviceYearFigures[] };
