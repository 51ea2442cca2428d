import * as store from '../storage/items';
import type { AutoState } from './schema';

/** Changes auto mode's stored polling state (one poll at a time writes it; the poll's lock sees to that). */
export async function changeAutoState(change: (state: AutoState) => AutoState): Promise<AutoState> {
  const next = change(await store.autoState.get());
  await store.autoState.set(next);
  return next;
}
