import { configurationsList } from '../configurations/store';
import { readActivity } from '../auto-mode/activity';
import { ApiError } from '../services/http/errors';
import type { LeverClient } from '../services/lever/client';
import { listTeamPads } from '../pads/team';
import * as store from '../storage/items';
import type { Handlers } from './handlers';
import type { AutoModeStatus } from './protocol';

type AutoModeHandlers = Pick<Handlers, 'getAutoMode' | 'setAutoMode' | 'listActivity' | 'listTeamPads'>;

async function status(): Promise<AutoModeStatus> {
  const [modes, state, timing] = await Promise.all([
    store.autoModes.get(),
    store.autoState.get(),
    store.autoTiming.get(),
  ]);
  return { modes, lastPoll: state.lastPoll, pollMinutes: timing.pollMinutes };
}

/** Auto mode (per configuration, in this browser), what it did, and the team's pads as Lever has them. */
export function autoModeHandlers(deps: {
  lever(): Promise<LeverClient>;
  now: () => number;
  /** Arms or clears the poll once the set of configurations with auto mode changed. */
  armAutoMode?: () => Promise<void>;
}): AutoModeHandlers {
  return {
    getAutoMode: () => status(),
    async setAutoMode({ configurationId, on }) {
      const configs = await configurationsList();
      if (on && !configs.some((c) => c.id === configurationId)) throw new ApiError({ kind: 'configuration_missing' });
      const modes = await store.autoModes.get();
      // Left out: configurations that are gone.
      const next = Object.fromEntries(Object.entries(modes).filter(([id]) => configs.some((c) => c.id === id)));
      if (on) next[configurationId] = modes[configurationId] ?? { since: deps.now() };
      else delete next[configurationId];
      await store.autoModes.set(next);
      await deps.armAutoMode?.();
      return status();
    },
    listActivity: () => readActivity(),
    async listTeamPads({ offset, limit, fresh }) {
      const [lever, configs] = await Promise.all([deps.lever(), configurationsList()]);
      return listTeamPads(
        lever,
        configs,
        { offset: offset ?? 0, limit: limit ?? 20, fresh: fresh ?? false },
        deps.now(),
      );
    },
  };
}
