import type { ProtocolMap } from '../../lib/messaging/protocol';
import { call } from '../../lib/messaging/client';

type Call<K extends keyof ProtocolMap> = (input: Parameters<ProtocolMap[K]>[0]) => Promise<ReturnType<ProtocolMap[K]>>;

/** What the candidate widget asks of the background. Tests hand it the backend directly. */
export interface CandidateApi {
  prepareCandidate: Call<'prepareCandidate'>;
  startJob: Call<'startJob'>;
  listInterviewers: Call<'listInterviewers'>;
  retryJob: Call<'retryJob'>;
  endPad: Call<'endPad'>;
  getJob: Call<'getJob'>;
  openOptions: () => Promise<ReturnType<ProtocolMap['openOptions']>>;
  /** Subscribes to pushed job updates; returns the unsubscribe. */
  onJobUpdated: (listener: (job: Parameters<ProtocolMap['jobUpdated']>[0]) => void) => () => void;
  /** Subscribes to the keyboard shortcut pressed on this page; returns the unsubscribe. */
  onShortcut?: (listener: () => void) => () => void;
}

export function messagingApi(
  onJobUpdated: CandidateApi['onJobUpdated'],
  onShortcut?: CandidateApi['onShortcut'],
): CandidateApi {
  return {
    prepareCandidate: (input) => call('prepareCandidate', input),
    startJob: (input) => call('startJob', input),
    listInterviewers: (input) => call('listInterviewers', input),
    retryJob: (input) => call('retryJob', input),
    endPad: (input) => call('endPad', input),
    getJob: (input) => call('getJob', input),
    openOptions: () => call('openOptions'),
    onJobUpdated,
    onShortcut,
  };
}
