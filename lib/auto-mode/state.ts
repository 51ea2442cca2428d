import * as autoItems from './items';
import type { AutoState } from './state-schema';

/** Changes auto mode's stored polling state (one poll at a time writes it; the poll's lock sees to that). */
export async function changeAutoState(change: (state: AutoState) => AutoState): Promise<AutoState> {
  const current = await autoItems.autoState.get();
  const next = change(current);
  // A change that changed nothing (the seed already made, the same day) is not written again.
  if (next !== current) await autoItems.autoState.set(next);
  return next;
}
