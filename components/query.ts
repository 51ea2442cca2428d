import { QueryClient } from '@tanstack/react-query';
import { sendMessage } from '../lib/messaging/channel';
import { unwrap } from '../lib/messaging/result';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, staleTime: 60_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

/** Asks the background and unwraps its Result, so failures reach TanStack Query as errors. */
export const ask = {
  status: () => sendMessage('getStatus'),
  stages: async () => unwrap(await sendMessage('listStages')),
  users: async () => unwrap(await sendMessage('listUsers')),
  questions: async () => unwrap(await sendMessage('listQuestions')),
  configurations: async () => unwrap(await sendMessage('listConfigurations')),
  padRecords: async (input: { query: string; limit: number }) => unwrap(await sendMessage('listPadRecords', input)),
  padStatuses: async (padIds: string[]) => unwrap(await sendMessage('refreshPadStatuses', { padIds })),
};

export const keys = {
  status: ['status'] as const,
  stages: ['lever', 'stages'] as const,
  users: ['lever', 'users'] as const,
  questions: ['coderpad', 'questions'] as const,
  configurations: ['configurations'] as const,
  padRecords: ['padRecords'] as const,
};
