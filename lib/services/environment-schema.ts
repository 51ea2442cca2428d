import { z } from 'zod/mini';
import { LEVER_ENVIRONMENT_NAMES } from './environments';

/** One of Lever's environments, as stored, sent or set by a policy. */
export const leverEnvironmentSchema = z.enum(LEVER_ENVIRONMENT_NAMES);
