import { alarmWhileWork, ensureAlarm } from '../services/alarms';
import type { Workflow } from './workflow';

/** Wakes a stopped worker while a job is unfinished, so its journal is resumed. */
const RESUME_ALARM = 'padbridge-resume';

/** Arms the resume alarm when a job starts running (created only when missing: its period is kept). */
export async function armResumeAlarm(): Promise<void> {
  await ensureAlarm(RESUME_ALARM, 0.5);
}

/**
 * The pad job's part of the background: the resume alarm's listener (registered at once, so a
 * worker woken by the alarm finds it), and, once stored data is ready, every job the journal
 * says is still running picked up where it stopped.
 */
export function setupJobResume(workflow: Workflow, ready: Promise<unknown>): void {
  // Waking the worker is the alarm's whole round: the journal is resumed once data is ready.
  alarmWhileWork(RESUME_ALARM, ready, { hasWork: () => workflow.hasRunning() });
  void ready.then(() => workflow.resumeAll());
}
