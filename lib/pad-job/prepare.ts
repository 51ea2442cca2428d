import type { Configuration } from '../configurations/configuration';
import { configurationsList } from '../configurations/stored';
import { openJobsFor } from './journal';
import { leverConnectionInForce } from '../connections/connections';
import type { LeverConnection } from '../storage/items';
import type { Workflow } from './workflow';
import { candidateUrl, environmentOfAppHost, type LeverEnvironment } from '../services/environments';
import { ApiError } from '../services/http/errors';
import type { CoderPadClient } from '../services/coderpad/client';
import { readQuota } from '../services/coderpad/quota';
import type { LeverClient } from '../services/lever/client';
import { type Opportunity, stageIdOf } from '../services/lever/schemas';
import { readStageList } from '../services/lever/stages';
import { keptCatalogue } from '../services/catalogues';
import type { Question } from '../services/coderpad/schemas';
import { applicationOfPerson, applicationTitles, openApplications } from './candidate';
import type { ExistingPad, Job } from './job';
import type { RetryChoice } from './deps';
import { chosenInterviewer, interviewerChoice, rememberInterviewer } from './interviewer';

export interface CandidateSummary {
  id: string;
  name: string;
  email: string | null;
  archived: boolean;
  stageId: string | null;
  url: string;
}

export interface CandidateContext {
  candidate: CandidateSummary;
  configurations: Configuration[];
  /** By configuration id. */
  existing: Record<string, ExistingPad>;
  /** Unfinished or failed jobs by configuration id. */
  jobs: Record<string, Job>;
  /** Stage names by id (for the confirmation). */
  stageNames: Record<string, string>;
  /** Configurations whose stage Lever no longer has: offered, but refused with the reason. */
  missingStages: string[];
  /** Configurations whose CoderPad question is not in the last reading of CoderPad's questions. */
  missingQuestions: string[];
  /** The person's open applications, this one among them: more than one lets the recruiter pick. */
  applications: ApplicationSummary[];
  /** The person may have other applications, not read yet (`withApplications` reads them). */
  otherApplicationsUnread: boolean;
  /** CoderPad links Lever holds for the person that belong to another application. */
  personPads: string[];
}

/** One application of a person, as the widget names it. */
export interface ApplicationSummary {
  id: string;
  /** What the application is for, as Lever's opportunity says it (its headline). */
  title: string;
  stageName: string;
}

/** Who sent a message, as the browser says it: the tab, and the address of its page. */
export interface PageSender {
  tabId?: number;
  url?: string;
}

/** The Lever environment of the page that sent a message, from the browser's word for its address. */
function environmentOfSender(sender: PageSender): LeverEnvironment {
  let host = '';
  try {
    host = new URL(sender.url ?? '').host;
  } catch {}
  const environment = environmentOfAppHost(host);
  if (!environment) throw new ApiError({ kind: 'permission', detail: 'sender' });
  return environment;
}

/** That the environment a page is in is the one PadBridge is connected to: the connection, read once. */
async function connectionFor(environment: LeverEnvironment): Promise<LeverConnection> {
  const connection = await leverConnectionInForce();
  if (!connection) throw new ApiError({ kind: 'not_connected', service: 'lever' });
  if (connection.environment !== environment) {
    throw new ApiError({ kind: 'wrong_environment', service: 'lever', detail: connection.environment });
  }
  return connection;
}

async function findConfiguration(id: string): Promise<Configuration> {
  const found = (await configurationsList()).find((c) => c.id === id);
  if (!found) throw new ApiError({ kind: 'configuration_missing' });
  return found;
}

/** What a Lever candidate page asks: the candidate's context, and starting, retrying and watching a job. */
export function candidateHandlers(deps: {
  /** Lever's client for a connection already read (a page's message reads it once, to check it). */
  leverWith(apiKey: string, environment: LeverEnvironment): LeverClient;
  coderpad(): Promise<CoderPadClient>;
  workflow: Workflow;
  now: () => number;
  openOptions?: () => Promise<void>;
  /** Runs the widget's script in the candidate page's tab (its button is drawn without it). */
  loadWidget?: (tabId: number) => Promise<void>;
}) {
  const { workflow, now } = deps;
  /** The page's environment, checked against the connection, and Lever's client from that one reading. */
  const leverFor = (sender: PageSender) => {
    const environment = environmentOfSender(sender);
    const client = connectionFor(environment).then((c) => deps.leverWith(c.apiKey, c.environment));
    return { environment, client };
  };
  return {
    async prepareCandidate(
      {
        opportunityId,
        applicationId,
        withApplications,
      }: { opportunityId: string; applicationId?: string; withApplications?: boolean },
      sender: PageSender,
    ): Promise<CandidateContext> {
      const checked = leverFor(sender);
      const { environment } = checked;
      // Read beside the connection's check (each setting once): the configurations, CoderPad's
      // questions as last read (by the options page, or a refused pad: no request here), and
      // CoderPad's key (asked for only when the quota's reading is old; a missing key is the
      // click's to report).
      const settings = Promise.all([configurationsList(), keptCatalogue<Question>('questions', 'coderpad')]);
      settings.catch(() => {});
      const coderpad = deps.coderpad();
      coderpad.catch(() => {});
      const client = await checked.client;
      // The page's person first; an application the address names is taken only if it is theirs.
      const person = async () => {
        const read = await workflow.readCandidate(client, environment, opportunityId, { fresh: true });
        return applicationId ? applicationOfPerson(client, environment, read, applicationId, now()) : read;
      };
      const [opportunity, [configurations, questions], stages] = await Promise.all([
        person(),
        settings,
        // Read beside the candidate, so a click soon after knows whether each stage still exists.
        readStageList(client, environment, now()),
        // And CoderPad's quota, so a click soon after knows whether a pad can be made at all.
        readQuota(coderpad, now()).catch(() => undefined),
      ]);
      const [pads, open, applications] = await Promise.all([
        workflow.existingPads(environment, opportunity, configurations, client),
        openJobsFor(environment, opportunity.id),
        // The person's other applications are read when the recruiter asks for them (or when the
        // page's address made them known): most people have one, and a page open costs one read less.
        openApplications(client, environment, opportunity, now(), { read: withApplications ?? false }),
      ]);
      const titles = await applicationTitles(client, environment, applications ?? [opportunity], now());
      const stageIds = stages.map((s) => s.id);
      const stageName = (o: Opportunity) => {
        const id = stageIdOf(o);
        return stages.find((s) => s.id === id)?.text ?? id ?? '';
      };
      const active: CandidateContext['jobs'] = {};
      for (const job of open) active[job.configurationId] = job;
      return {
        candidate: {
          id: opportunity.id,
          name: opportunity.name,
          email: opportunity.emails[0] ?? null,
          archived: opportunity.archived !== null,
          stageId: stageIdOf(opportunity) ?? null,
          url: candidateUrl(environment, opportunity.id),
        },
        configurations,
        existing: pads.existing,
        personPads: pads.personPads,
        applications: (applications ?? [opportunity]).map((o) => ({
          id: o.id,
          title: titles.get(o.id) ?? o.name,
          stageName: stageName(o),
        })),
        otherApplicationsUnread: applications === null,
        jobs: active,
        stageNames: Object.fromEntries(configurations.map((c) => [c.stageId, c.stageName])),
        missingStages: configurations.filter((c) => !stageIds.includes(c.stageId)).map((c) => c.id),
        missingQuestions: questions
          ? configurations
              .filter((c) => c.questionId !== null && !questions.some((q) => q.id === c.questionId))
              .map((c) => c.id)
          : [],
      };
    },
    async startJob(
      input: { opportunityId: string; configurationId: string; force?: boolean; interviewerId?: string | null },
      sender: PageSender,
    ) {
      // Everything the click needs is read in one go: the connection's check, the configuration,
      // the candidate and the interviewer side by side.
      const { environment, client } = leverFor(sender);
      client.catch(() => {});
      const configuration = findConfiguration(input.configurationId);
      // Lever is asked for its users (when they are not kept) only once the check passed; a
      // refused check is the click's refusal, said once (this branch may not be read at all).
      const interviewer = chosenInterviewer(client, environment, configuration, input.interviewerId, deps.now());
      try {
        return await workflow.start({
          environment,
          pageId: input.opportunityId,
          configurationId: input.configurationId,
          configuration,
          lever: client,
          interviewer,
          force: input.force ?? false,
          tabId: sender.tabId,
        });
      } finally {
        // The interviewer named, when Lever has them, is remembered for the next confirmation
        // whatever became of the click; written once the start has settled (the pad request
        // waits for the job's write, not for this one).
        const named = input.interviewerId;
        if (named !== undefined)
          interviewer.then(() => rememberInterviewer(input.configurationId, named)).catch(() => {});
      }
    },
    async listInterviewers({ configurationId }: { configurationId: string }, sender: PageSender) {
      const { environment, client } = leverFor(sender);
      const [, configuration] = await Promise.all([client, findConfiguration(configurationId)]);
      return interviewerChoice(client, environment, configuration, deps.now());
    },
    retryJob: ({ jobId, choice }: { jobId: string; choice?: RetryChoice }, sender: PageSender) =>
      workflow.retry(jobId, sender.tabId, choice),
    getJob: ({ jobId }: { jobId: string }) => workflow.get(jobId),
    async openOptions() {
      await deps.openOptions?.();
      return null;
    },
    async loadWidget(_input: undefined, sender: PageSender) {
      if (sender.tabId === undefined) throw new ApiError({ kind: 'bad_request', detail: 'tab' });
      await deps.loadWidget?.(sender.tabId);
      return null;
    },
  };
}
