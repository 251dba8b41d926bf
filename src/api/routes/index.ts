import type { Route } from '../route.ts';
import { callList } from './call-list.ts';
import { clients } from './clients.ts';
import { cohort } from './cohort.ts';
import { health } from './health.ts';
import { kpis } from './kpis.ts';
import { lakeFiles } from './lake-files.ts';
import { models } from './models.ts';
import { sales } from './sales.ts';
import { scores } from './scores.ts';
import { segments } from './segments.ts';
import { timeseries } from './timeseries.ts';

/** Every endpoint: health, the gold tables, the call list and the client view (docs/contract/api.md is generated in this order), then the lake documents for the dashboard. */
export const ROUTES: readonly Route[] = [health, kpis, ...sales, ...timeseries, segments, ...scores, callList, ...clients, cohort, ...lakeFiles, models];
