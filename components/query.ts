import { QueryClient } from '@tanstack/react-query';
import { ask as askBackground } from '../lib/messaging/client';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, staleTime: 60_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

/** The pages' queries: each asks the background through the one client, failures thrown for TanStack Query. */
export const queries = {
  status: () => askBackground('getStatus'),
  // As read at most ten minutes ago (by any page); Refresh reads them anew.
  stages: () => askBackground('listStages'),
  users: () => askBackground('listUsers'),
  questions: () => askBackground('listQuestions'),
  configurations: () => askBackground('listConfigurations'),
  padRecords: (input: { query: string; limit: number }) => askBackground('listPadRecords', input),
  padStatuses: (padIds: string[]) => askBackground('refreshPadStatuses', { padIds }),
};

export const queryKeys = {
  status: ['status'] as const,
  stages: ['lever', 'stages'] as const,
  users: ['lever', 'users'] as const,
  questions: ['coderpad', 'questions'] as const,
  configurations: ['configurations'] as const,
  padRecords: ['padRecords'] as const,
};
