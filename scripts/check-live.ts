import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Configuration, exportFileSchema, padTitle } from '../lib/configurations/configuration';
import { createCoderPadClient } from '../lib/services/coderpad/client';
import { isPadUrl } from '../lib/services/coderpad/links';
import { fitsPadType, type Question } from '../lib/services/coderpad/schemas';
import { leverEnvironmentSchema } from '../lib/services/environment-schema';
import { CODERPAD_API, LEVER_ENVIRONMENTS, type LeverEnvironment } from '../lib/services/environments';
import { ApiError } from '../lib/services/http/errors';
import type { FetchLike } from '../lib/services/http/request';
import { createLeverClient } from '../lib/services/lever/client';
import { clockOffset } from '../lib/services/http/server-clock';
import { type Opportunity, postingIdOf, type Stage, stageIdOf } from '../lib/services/lever/schemas';

/*
 * `npm run check-live`: PadBridge's own Lever and CoderPad clients against a team's real accounts,
 * read-only unless --write is given. It lists what PadBridge reads, says what PadBridge would do
 * for one candidate with each configuration, and which of the API notes' unconfirmed points the
 * answers confirmed. The sandbox's tests run the same function.
 */

export interface CheckOptions {
  leverKey: string;
  coderpadKey: string;
  environment: LeverEnvironment;
  /** The candidate to look at; the first open opportunity when absent. */
  opportunityId?: string;
  /** Configurations as the options page exports them. */
  configurations?: Configuration[];
  /** A Lever user id: writes would carry perform_as. */
  actAs?: string;
  /** Adds and removes a check tag and writes one note on the candidate, to confirm how Lever answers writes. */
  write?: boolean;
  fetch?: FetchLike;
  log?: (line: string) => void;
}

export interface CheckResult {
  ok: boolean;
  /** Unconfirmed points of the API notes these answers settled, in words. */
  confirmed: string[];
  /** Unconfirmed points these answers could not settle, with why. */
  unsettled: string[];
  wrote: boolean;
}

interface Seen {
  url: URL;
  status: number;
  retryAfter: string | null;
  hasNext: 'present' | 'absent' | 'not a list';
}

export async function checkLive(options: CheckOptions): Promise<CheckResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const seen: Seen[] = [];
  // Every answer, as it came: how many pages a list took, and what the unconfirmed points look like.
  const fetcher: FetchLike = async (input, init) => {
    const response = await (options.fetch ?? fetch)(input, init);
    let hasNext: Seen['hasNext'] = 'not a list';
    try {
      const body = (await response.clone().json()) as { data?: unknown; hasNext?: unknown };
      if (Array.isArray(body?.data)) hasNext = 'hasNext' in body ? 'present' : 'absent';
    } catch {}
    seen.push({
      url: new URL(input),
      status: response.status,
      retryAfter: response.headers.get('Retry-After'),
      hasNext,
    });
    return response;
  };
  const pagesOf = (path: string) => seen.filter((s) => s.url.pathname.endsWith(path) && s.status < 300).length;
  const lever = createLeverClient({ apiKey: options.leverKey, environment: options.environment, fetch: fetcher });
  const coderpad = createCoderPadClient({ apiKey: options.coderpadKey, fetch: fetcher });
  const apiHost = new URL(LEVER_ENVIRONMENTS[options.environment].api).host;
  const confirmed: string[] = [];
  const unsettled: string[] = [];
  let ok = true;
  const fail = (what: string, error: unknown) => {
    ok = false;
    log(`  ✗ ${what}: ${error instanceof ApiError ? error.message : String(error)}`);
  };

  log(`PadBridge live check: Lever ${options.environment} (${apiHost}), CoderPad (${new URL(CODERPAD_API).host}).`);
  log(options.write ? 'Writes are allowed (--write).' : 'Read-only: nothing is written.');

  log('\nLever');
  let stages: Stage[] = [];
  let actAsEmail: string | undefined;
  try {
    stages = await lever.listStages();
    const users = await lever.listUsers();
    log(
      `  ✓ the key reads stages: ${stages.length} (${pagesOf('/stages')} page(s)) and users: ${users.length} (${pagesOf('/users')} page(s))`,
    );
    if (options.environment === 'eu') confirmed.push(`the EU API host ${apiHost} answers with this key`);
    actAsEmail = options.actAs ? (users.find((u) => u.id === options.actAs)?.email ?? undefined) : undefined;
    if (options.actAs && !users.some((u) => u.id === options.actAs))
      log(`  ! Act as ${options.actAs} is not an active user`);
  } catch (error) {
    fail('the key cannot read stages and users', error);
  }

  let opportunity: Opportunity | undefined;
  try {
    if (options.opportunityId) {
      try {
        opportunity = await lever.getOpportunity(options.opportunityId);
        log(`  ✓ ${options.opportunityId} read as an opportunity`);
      } catch (error) {
        if (!(error instanceof ApiError && error.kind === 'not_found')) throw error;
        // An older address may carry the person's (contact's) id rather than an opportunity's.
        const theirs = await lever.listOpportunities({ contactId: options.opportunityId });
        opportunity = theirs.find((o) => !o.archived) ?? theirs[0];
        log(
          `  ✓ ${options.opportunityId} is not an opportunity; as a contact it has ${theirs.length} opportunit${theirs.length === 1 ? 'y' : 'ies'}`,
        );
        if (theirs.length)
          confirmed.push('an address with a contact id is resolved through GET /opportunities?contact_id=');
      }
    } else {
      opportunity = (await lever.listOpportunities({ stageId: stages.slice(0, 1).map((s) => s.id) }))[0];
      log(
        opportunity
          ? `  ✓ picked the first opportunity of stage "${stages[0]?.text}"`
          : '  ! no opportunity to look at',
      );
    }
    if (opportunity) {
      const byId = await lever.getOpportunity(opportunity.id);
      const stageName = stages.find((s) => s.id === stageIdOf(byId))?.text ?? stageIdOf(byId) ?? 'none';
      log(
        `  ✓ ${byId.name} (${byId.id}): stage "${stageName}", tags [${byId.tags.join(', ')}], ${byId.archived ? 'ARCHIVED' : 'open'}`,
      );
      if (byId.contact) {
        const applications = await lever.listOpportunities({ contactId: byId.contact, expand: ['applications'] });
        const titled = await Promise.all(
          applications.map(async (o) => {
            const postingId = postingIdOf(o);
            const title = postingId
              ? await lever.getPosting(postingId).then(
                  (p) => `"${p.text}"`,
                  () => `posting ${postingId} (unreadable)`,
                )
              : 'no posting';
            return `${o.id} ${title}${o.archived ? ' (archived)' : ''}`;
          }),
        );
        log(`  ✓ their contact ${byId.contact} has ${applications.length} application(s): ${titled.join(', ')}`);
        if (applications.some((o) => postingIdOf(o)))
          confirmed.push('expand=applications names each application’s posting, whose title tells them apart');
        if (applications.some((o) => o.id === byId.id))
          confirmed.push("GET /opportunities?contact_id= lists a person's applications");
      } else {
        unsettled.push('the opportunity names no contact: applications of one person cannot be listed');
      }
      opportunity = byId;
    }
  } catch (error) {
    fail('reading the candidate', error);
  }
  const lists = seen.filter((s) => s.hasNext !== 'not a list' && s.url.host === apiHost);
  if (lists.some((s) => s.hasNext === 'absent'))
    confirmed.push('some Lever lists come without hasNext (read as: no more pages)');
  else if (lists.length) confirmed.push('every Lever list read carried hasNext');

  log('\nCoderPad');
  let questions: Question[] = [];
  let padsLeft: number | null | undefined;
  try {
    const quota = await coderpad.getQuota();
    // Past the limit, overages are billed, not refused.
    padsLeft = quota.unlimited || quota.overages_enabled ? null : quota.pads_remaining;
    log(
      `  ✓ the key reads the quota: ${quota.unlimited ? 'unlimited' : `${quota.pads_remaining ?? '?'} pads left`}${quota.overages_enabled ? ' (overages billed past the limit)' : ''}${quota.quota_reset_at ? `, last reset ${quota.quota_reset_at}` : ''}`,
    );
    const listedQuestions = await coderpad.listQuestions();
    questions = listedQuestions;
    const live = questions.filter((q) => fitsPadType(q, 'live')).length;
    const takeHome = questions.filter((q) => fitsPadType(q, 'take_home')).length;
    const padTypes = [...new Set(questions.map((q) => q.pad_type ?? '(none)'))].sort();
    log(
      `  ✓ questions: ${live} usable for live pads, ${takeHome} for take-homes (${pagesOf('/questions')} page(s)); pad_type values seen: ${padTypes.join(', ') || 'none'}`,
    );
    const { skipped } = listedQuestions;
    if (skipped.count)
      log(`  ! ${skipped.count} question(s) left out, not as documented: ${skipped.reasons.join('; ')}`);
  } catch (error) {
    fail('the key cannot read the quota and questions', error);
  }
  try {
    await coderpad.listPadsSince(Date.now() - 60_000, 'organization');
    log("  ✓ the key reads the organisation's pads (a lost pad made for an Act-as user can be found)");
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'permission')
      log("  ! the key may not read the organisation's pads: a lost pad made for an Act-as user cannot be confirmed");
    else fail("reading the organisation's pads", error);
  }
  if (actAsEmail) {
    try {
      const user = await coderpad.findOrganizationUser(actAsEmail);
      log(
        user
          ? `  ✓ the Act-as user ${actAsEmail} is a user of the CoderPad organisation: their pads will be theirs`
          : `  ! the Act-as user ${actAsEmail} is not a CoderPad user: their pads will be the key owner's (PadBridge adds no users)`,
      );
    } catch (error) {
      log(
        `  ! the key cannot read CoderPad's users (${error instanceof ApiError ? error.message : String(error)}): pads will be the key owner's`,
      );
    }
  }

  log('\nClocks');
  for (const service of ['lever', 'coderpad'] as const) {
    const offset = await clockOffset(service);
    log(
      offset === 0
        ? `  ✓ ${service === 'lever' ? 'Lever' : 'CoderPad'}'s clock agrees with this machine's (within 2 s)`
        : `  ! ${service === 'lever' ? 'Lever' : 'CoderPad'}'s clock is ${Math.abs(Math.round(offset / 1000))} s ${offset > 0 ? 'ahead of' : 'behind'} this machine's (PadBridge works on the service's time)`,
    );
  }

  if (opportunity) {
    log(`\nWhat PadBridge would do for ${opportunity.name}`);
    const padLinks = opportunity.links.filter(isPadUrl);
    if (padLinks.length) log(`  CoderPad link(s) Lever holds for this person: ${padLinks.join(', ')}`);
    if (!options.configurations?.length)
      log('  (give --configurations <file exported from the options page> to see each configuration)');
    for (const config of options.configurations ?? [])
      log(`  ${config.tag}: ${plan(config, opportunity, stages, questions, padsLeft, options.actAs)}`);
  }

  let wrote = false;
  if (options.write && !options.opportunityId) {
    // Writes go only to a candidate the person running the check chose.
    ok = false;
    log('\n  ✗ --write needs --opportunity <id>: nothing is written to a candidate picked for you.');
    unsettled.push(
      'whether addTags creates a new tag, and how a note write answers: run with --write and --opportunity',
    );
  } else if (options.write && opportunity && !opportunity.archived) {
    log('\nWrites (--write)');
    const tag = `PadBridge check ${new Date().toISOString().slice(0, 16)}`;
    log(
      `  Writing to ${opportunity.name} (${opportunity.id})${options.actAs ? ` as Lever user ${options.actAs}` : ''}: the tag "${tag}", added then removed, and one note saying it can be deleted.`,
    );
    const as = { performAs: options.actAs };
    try {
      await lever.addTags(opportunity.id, [tag], as);
      const tagged = await lever.getOpportunity(opportunity.id);
      if (tagged.tags.includes(tag)) confirmed.push('addTags creates a tag that did not exist');
      await lever.removeTags(opportunity.id, [tag], as);
      const noteId = await lever.addNote(
        opportunity.id,
        `PadBridge live check: this note can be deleted. (${tag})`,
        as,
      );
      log(`  ✓ added and removed the tag "${tag}"; wrote note ${noteId}`);
      confirmed.push('a note write answers with its id');
      wrote = true;
    } catch (error) {
      fail('writing to Lever', error);
    }
  } else {
    unsettled.push('whether addTags creates a new tag, and how a note write answers: run with --write');
  }
  const limited = seen.filter((s) => s.status === 429);
  if (limited.length) {
    (limited.some((s) => s.retryAfter !== null) ? confirmed : unsettled).push(
      limited.some((s) => s.retryAfter !== null) ? 'a 429 carries Retry-After' : 'a 429 came without Retry-After',
    );
  } else {
    unsettled.push('whether a 429 carries Retry-After: no 429 was met');
  }

  log("\nThe API notes' unconfirmed points");
  for (const point of confirmed) log(`  ✓ confirmed: ${point}`);
  for (const point of unsettled) log(`  – not settled: ${point}`);
  log(
    `\n${ok ? 'Done' : 'Done, with failures (above)'}; ${wrote ? 'one check tag was added and removed and one note written.' : 'nothing was written.'}`,
  );
  return { ok, confirmed, unsettled, wrote };
}

/** What a click would do with this configuration, or why it would be refused, in the widget's order. */
function plan(
  config: Configuration,
  opportunity: Opportunity,
  stages: Stage[],
  questions: Question[],
  padsLeft: number | null | undefined,
  actAs: string | undefined,
): string {
  if (opportunity.archived) return 'refused: the candidate is archived';
  const stage = stages.find((s) => s.id === config.stageId);
  if (!stage) return `refused: Lever has no stage "${config.stageName}" (${config.stageId}) any more`;
  if (padsLeft === 0) return "refused: CoderPad's pads for the month are used";
  const question = config.questionId === null ? undefined : questions.find((q) => q.id === config.questionId);
  if (config.questionId !== null && !question)
    return `refused: CoderPad has no question ${config.questionId} for this key`;
  if (config.padType === 'take_home' && question && !fitsPadType(question, 'take_home'))
    return `refused: "${question.title}" is not a take-home question`;
  const steps = [
    opportunity.tags.includes(config.tag) ? 'tag already there' : `add the tag "${config.tag}"`,
    stageIdOf(opportunity) === stage.id ? 'stage already there' : `move to "${stage.text}"`,
    `create a ${config.padType === 'take_home' ? 'take-home' : 'live'} pad "${padTitle(config.titleTemplate, { candidate: opportunity.name, stage: stage.text, tag: config.tag })}"${question ? ` with "${question.title}"` : ` in ${config.language ?? 'plaintext'}`}`,
    'add its link',
    'write a note',
  ];
  return `${steps.join(', ')}${actAs ? `, as Lever user ${actAs}` : ''}`;
}

async function main() {
  const { values } = parseArgs({
    options: {
      opportunity: { type: 'string' },
      configurations: { type: 'string' },
      'act-as': { type: 'string' },
      write: { type: 'boolean', default: false },
    },
  });
  const leverKey = process.env.LEVER_API_KEY;
  const coderpadKey = process.env.CODERPAD_API_KEY;
  const environment = leverEnvironmentSchema.safeParse(process.env.LEVER_ENVIRONMENT ?? 'production');
  if (!leverKey || !coderpadKey || !environment.success) {
    console.error(
      'Usage: LEVER_API_KEY=… CODERPAD_API_KEY=… [LEVER_ENVIRONMENT=production|eu|sandbox] npm run check-live -- [--opportunity <id>] [--configurations <export.json>] [--act-as <Lever user id>] [--write]',
    );
    process.exit(2);
  }
  let configurations: Configuration[] | undefined;
  if (values.configurations) {
    const file = exportFileSchema.safeParse(JSON.parse(readFileSync(values.configurations, 'utf8')));
    if (!file.success) {
      console.error(`${values.configurations} is not a PadBridge configurations export.`);
      process.exit(2);
    }
    configurations = file.data.configurations;
  }
  const result = await checkLive({
    leverKey,
    coderpadKey,
    environment: environment.data,
    opportunityId: values.opportunity,
    configurations,
    actAs: values['act-as'],
    write: values.write,
  });
  process.exit(result.ok ? 0 : 1);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
