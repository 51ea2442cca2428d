// zod/mini: part of the content script (a job's shape), which every Lever page loads.
import { z } from 'zod/mini';
import { leverEnvironmentSchema } from '../environment-schema';

/**
 * Which candidate a job, a pad's record or an Activity entry is about: Lever's environment and
 * opportunity, with the name and the page shown for them. One shape, spread into each.
 */
export const candidateIdentity = {
  environment: leverEnvironmentSchema,
  opportunityId: z.string(),
  candidateName: z.string(),
  candidateUrl: z.string(),
};
