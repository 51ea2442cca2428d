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

/** When this page opened: the catalogues it shows are read at most once from then on. */
const PAGE_OPENED_AT = Date.now();

/** The pages' queries: each asks the background through the one client, failures thrown for TanStack Query. */
export const queries = {
  status: () => askBackground('getStatus'),
  // Read once per page: a reading made since the page opened (testing a key makes one) will do.
  stages: () => askBackground('listStages', { since: PAGE_OPENED_AT }),
  users: () => askBackground('listUsers', { since: PAGE_OPENED_AT }),
  questions: () => askBackground('listQuestions', { since: PAGE_OPENED_AT }),
  skipped: () => askBackground('listSkipped'),
  configurations: () => askBackground('listConfigurations'),
  padRecords: (input: { query: string; limit: number }) => askBackground('listPadRecords', input),
  padStatuses: (padIds: string[]) => askBackground('refreshPadStatuses', { padIds }),
  autoMode: () => askBackground('getAutoMode'),
  activity: () => askBackground('listActivity'),
  teamPads: (input: { offset: number; limit: number; fresh: boolean; query: string }) =>
    askBackground('listTeamPads', input),
};

export const queryKeys = {
  status: ['status'] as const,
  stages: ['lever', 'stages'] as const,
  users: ['lever', 'users'] as const,
  questions: ['coderpad', 'questions'] as const,
  skipped: ['skipped'] as const,
  configurations: ['configurations'] as const,
  padRecords: ['padRecords'] as const,
  autoMode: ['autoMode'] as const,
  activity: ['activity'] as const,
  teamPads: ['teamPads'] as const,
};
