import { useQuery } from '@tanstack/react-query';
import type { ManagedStatus } from '../../lib/messaging/protocol';
import { t } from '../../lib/text/i18n';
import { queries, queryKeys } from '../../utils/query';

/* Notices above the configurations: what the organisation's policy fixes, and what a catalogue left out. */

/** The policy's lock, and each problem it has, with its key's path. */
export function PolicyNotices({ managed }: { managed: ManagedStatus }) {
  return (
    <>
      {(managed.locked || managed.configurationIds.length > 0) && (
        <p role="status" className="notice">
          {t(managed.locked ? 'managedLocked' : 'managedSome')}
        </p>
      )}
      {managed.problems.length > 0 && (
        <div role="alert" className="alert">
          <p>{t('managedProblems')}</p>
          <ul aria-label={t('managedProblemsList')}>
            {managed.problems.map((problem) => (
              <li key={`${problem.index}:${problem.reason}`}>{problem.reason}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

/** What the last readings of Lever's stages and CoderPad's questions left out, read again with them. */
export function SkippedNotices({ readAt, enabled }: { readAt: number[]; enabled: boolean }) {
  const skipped = useQuery({ queryKey: [...queryKeys.skipped, ...readAt], queryFn: queries.skipped, enabled });
  const { questions, stages } = skipped.data ?? {};
  return (
    <>
      {questions && (
        <p role="status" className="notice">
          {t('skippedQuestions', { count: questions.count, reasons: questions.reasons.join('; ') })}
        </p>
      )}
      {stages && (
        <p role="status" className="notice">
          {t('skippedStages', { count: stages.count, reasons: stages.reasons.join('; ') })}
        </p>
      )}
    </>
  );
}
