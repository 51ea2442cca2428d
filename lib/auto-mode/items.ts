import { z } from 'zod';
import { storedItem } from '../storage/items';
import {
  AUTO_TIMING,
  activityEntrySchema,
  autoModesSchema,
  autoStateSchema,
  autoTimingSchema,
  DEFAULT_DAILY_LIMIT,
  dailyLimitSchema,
  NO_AUTO_STATE,
} from './state-schema';

/** What auto mode keeps in extension storage, in this browser only (none of it is exported). */

/** Auto mode per configuration. */
export const autoModes = storedItem('local:autoModes', autoModesSchema, {});
/** Auto mode's pace (the e2e suite shortens it). */
export const autoTiming = storedItem('local:autoTiming', autoTimingSchema, AUTO_TIMING);
/** Automatic pads this browser may make in a day (a policy's limit takes its place). */
export const autoDailyLimit = storedItem('local:autoDailyLimit', dailyLimitSchema, DEFAULT_DAILY_LIMIT);
/** Where auto mode's polling stands between polls. */
export const autoState = storedItem('local:autoState', autoStateSchema, NO_AUTO_STATE);
/** What auto mode did, newest first, bounded. */
export const activityLog = storedItem('local:activity', z.array(activityEntrySchema), []);
