import { padsForExport } from './export';
import type { StatusSync } from './status-sync';
import { searchRecords } from './record-table';
import { summaryPending } from './summary';

/** What the popup and the options page ask of the pads this browser made. */
export function padHandlers(deps: {
  statusSync: StatusSync;
  /** A pad's summary is pending again: the status alarm runs while it is. */
  followPads?: () => void;
}) {
  const { statusSync } = deps;
  return {
    listPadRecords: ({ query, limit }: { query?: string; limit?: number }) => searchRecords(query ?? '', limit ?? 200),
    exportPads: () => padsForExport(),
    refreshPadStatuses: ({ padIds }: { padIds: string[] }) => statusSync.refresh(padIds),
    async endPad({ padId }: { padId: string }) {
      const record = await statusSync.endPad(padId);
      // Its summary not written at once (a pause, an uncertain answer): the status rounds take it from here.
      if (record && summaryPending(record.summary)) deps.followPads?.();
      return record;
    },
    async retrySummary({ padId }: { padId: string }) {
      const record = await statusSync.retrySummary(padId);
      // Not written at once (a pause, an uncertain answer): the status rounds take it from here.
      if (record && summaryPending(record.summary)) deps.followPads?.();
      return record;
    },
  };
}
