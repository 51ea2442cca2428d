import { useId } from 'react';
import type { ConnectionStatus } from '../../lib/messaging/protocol';
import { t, type MessageKey } from '../../lib/text/i18n';

/**
 * The first run's checklist: what PadBridge needs before a recruiter's button works, each item
 * ticked as it is done; gone once all are.
 */
export function GetStarted({ status, configurations }: { status: ConnectionStatus; configurations: number }) {
  const headingId = useId();
  const steps: { key: MessageKey; done: boolean }[] = [
    { key: 'getStartedLever', done: status.lever !== null },
    { key: 'getStartedCoderPad', done: status.coderpad !== null },
    { key: 'getStartedConfiguration', done: configurations > 0 },
  ];
  if (steps.every((s) => s.done)) return null;
  return (
    <section className="card get-started" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('getStarted')}</h2>
      <ol aria-labelledby={headingId}>
        {steps.map((step) => (
          <li key={step.key} data-done={step.done}>
            <span className="get-started-mark" aria-hidden="true">
              {step.done ? '✓' : ''}
            </span>
            {t(step.key)}
            <span className="visually-hidden">{step.done ? t('getStartedDone') : t('getStartedToDo')}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
