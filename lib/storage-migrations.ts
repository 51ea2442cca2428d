/**
 * How stored items change between versions. Each entry turns the value of version N-1 into
 * version N; WXT runs them in order when the item is first read. Every version has a fixture
 * in tests/fixtures/storage and a test that walks it to the current shape.
 */

type Unknown = Record<string, unknown>;

export const padRecordsMigrations = {
  /** v2: the summary note's progress replaces its bare id (summaryNoteId). */
  2: (records: unknown) =>
    Array.isArray(records)
      ? records.map((record: Unknown) => {
          const { summaryNoteId, ...rest } = record;
          return {
            ...rest,
            summary:
              typeof summaryNoteId === 'string'
                ? { state: 'written', noteId: summaryNoteId }
                : { state: 'none', noteId: null },
          };
        })
      : records,
};

export const PAD_RECORDS_VERSION = 2;
