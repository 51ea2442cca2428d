import { configurationsList } from '../configurations/stored';
import { readActivity } from './activity';
import { ApiError } from '../services/http/errors';
import type { LeverClient } from '../services/lever/client';
import { listTeamPads } from '../pads/team';
import * as autoItems from './items';
import { readPolicy } from '../policy/managed';
import { countingToday } from './pace';
import type { AutoModes, AutoState } from './state-schema';

/** Auto mode as the options page shows it. */
export interface AutoModeStatus {
  /** Configurations with auto mode on in this browser, and since when. */
  modes: AutoModes;
  lastPoll: AutoState['lastPoll'];
  pollMinutes: number;
  /** Automatic pads this browser may make today, and how many it made. */
  dailyLimit: number;
  startedToday: number;
  /** What the organisation's policy fixes: auto mode off (`enabled: false`), the daily limit. */
  policy: { enabled: boolean | null; dailyLimit: number | null };
}

async function status(now: number): Promise<AutoModeStatus> {
  const [modes, state, timing, ownLimit, policy] = await Promise.all([
    autoItems.autoModes.get(),
    autoItems.autoState.get(),
    autoItems.autoTiming.get(),
    autoItems.autoDailyLimit.get(),
    readPolicy(),
  ]);
  return {
    // Off by policy: no configuration counts as on, whatever this browser kept.
    modes: policy.autoMode.enabled === false ? {} : modes,
    lastPoll: state.lastPoll,
    pollMinutes: timing.pollMinutes,
    dailyLimit: policy.autoMode.dailyLimit ?? ownLimit,
    startedToday: countingToday(state, now).today.started,
    policy: policy.autoMode,
  };
}

/** Auto mode (per configuration, in this browser), what it did, and the team's pads as Lever has them. */
export function autoModeHandlers(deps: {
  lever(): Promise<LeverClient>;
  now: () => number;
  /** Arms or clears the poll once the set of configurations with auto mode changed. */
  armAutoMode?: () => Promise<void>;
}) {
  return {
    getAutoMode: () => status(deps.now()),
    async setAutoMode({ configurationId, on }: { configurationId: string; on: boolean }) {
      if (on && (await readPolicy()).autoMode.enabled === false) throw new ApiError({ kind: 'managed' });
      const configs = await configurationsList();
      if (on && !configs.some((c) => c.id === configurationId)) throw new ApiError({ kind: 'configuration_missing' });
      const modes = await autoItems.autoModes.get();
      // Left out: configurations that are gone.
      const next = Object.fromEntries(Object.entries(modes).filter(([id]) => configs.some((c) => c.id === id)));
      if (on) next[configurationId] = modes[configurationId] ?? { since: deps.now() };
      else delete next[configurationId];
      await autoItems.autoModes.set(next);
      await deps.armAutoMode?.();
      return status(deps.now());
    },
    async setAutoDailyLimit({ limit }: { limit: number }) {
      if ((await readPolicy()).autoMode.dailyLimit !== null) throw new ApiError({ kind: 'managed' });
      await autoItems.autoDailyLimit.set(limit);
      return status(deps.now());
    },
    listActivity: () => readActivity(),
    async listTeamPads({
      offset,
      limit,
      fresh,
      query,
    }: {
      offset: number;
      limit: number;
      fresh?: boolean;
      query?: string;
    }) {
      const [lever, configs] = await Promise.all([deps.lever(), configurationsList()]);
      return listTeamPads(
        lever,
        configs,
        { offset: offset ?? 0, limit: limit ?? 20, fresh: fresh ?? false, query: query ?? '' },
        deps.now(),
      );
    },
  };
}
