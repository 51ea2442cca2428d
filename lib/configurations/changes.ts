import { fitsPadType, type Question } from '../services/coderpad/schemas';
import {
  type Configuration,
  type ConfigurationInput,
  configurationSchema,
  describeImportProblems,
  exportFileSchema,
  MAX_CONFIGURATIONS,
  MAX_IMPORT_BYTES,
  validateConfiguration,
  type ValidationContext,
} from './configuration';
import { changeConfigurations } from './stored';
import { ApiError } from '../services/http/errors';
import { t } from '../text/i18n';
import { inUiLanguage } from '../text/zod-language';
import type { Stage } from '../services/lever/schemas';

/**
 * Changes to configurations that need Lever's stages and CoderPad's questions (as the options page
 * shows them: read at most ten minutes ago, or on Refresh). They are read first; the stored list
 * is read again under the configurations lock afterwards, so what another tab saved meanwhile is
 * neither lost nor duplicated.
 */

/** Lever's stages and CoderPad's questions (drafts included), as the options page has them. */
export type ReadCatalogues = () => Promise<{ stages: Stage[]; questions: Question[] }>;

async function catalogue(read: ReadCatalogues) {
  const { stages, questions } = await read();
  const context: Omit<ValidationContext, 'existing'> = {
    stageIds: stages.map((s) => s.id),
    questions: questions.map((q) => ({ id: q.id, take_home: fitsPadType(q, 'take_home') })),
  };
  return {
    stages: new Map(stages.map((s) => [s.id, s])),
    questions: new Map(questions.map((q) => [q.id, q])),
    context,
  };
}

const refuse = (detail: string) => new ApiError({ kind: 'bad_request', detail });

export async function saveConfiguration(
  input: ConfigurationInput,
  read: ReadCatalogues,
  now: number,
): Promise<Configuration> {
  const { stages, questions, context } = await catalogue(read);
  return changeConfigurations((all, managed) => {
    if (managed.some((c) => c.tag === input.tag.trim())) throw refuse('errTagManaged');
    const { errors } = validateConfiguration(input, { ...context, existing: all });
    const first = Object.values(errors)[0];
    if (first) throw refuse(first);
    const previous = all.find((c) => c.id === input.id);
    if (input.id && !previous) throw new ApiError({ kind: 'configuration_missing' });
    // The input's fields as given; the names read from Lever and CoderPad, ids and times added.
    const saved = configurationSchema.parse({
      ...input,
      id: previous?.id ?? crypto.randomUUID(),
      tag: input.tag.trim(),
      stageName: stages.get(input.stageId)?.text ?? input.stageId,
      questionTitle: input.questionId === null ? null : (questions.get(input.questionId)?.title ?? null),
      language: input.questionId === null ? input.language : null,
      titleTemplate: input.titleTemplate.trim(),
      interviewerId: input.interviewerId === undefined ? (previous?.interviewerId ?? null) : input.interviewerId,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
    });
    return { next: previous ? all.map((c) => (c.id === saved.id ? saved : c)) : [...all, saved], value: saved };
  });
}

export function restoreConfiguration(configuration: unknown): Promise<Configuration> {
  const parsed = configurationSchema.parse(configuration);
  return changeConfigurations((all, managed) => {
    if (managed.some((c) => c.tag === parsed.tag)) throw refuse('errTagManaged');
    if (all.some((c) => c.tag === parsed.tag && c.id !== parsed.id)) throw refuse('errTagDuplicate');
    return { next: [...all.filter((c) => c.id !== parsed.id), parsed], value: parsed };
  });
}

/** An export file, checked whole (size, shape, count) and entry by entry against today's stages and questions. */
export async function importConfigurations(
  file: unknown,
  read: ReadCatalogues,
): Promise<{ added: number; updated: number }> {
  if (JSON.stringify(file ?? null).length > MAX_IMPORT_BYTES) throw refuse(t('importTooLarge'));
  // Where the file does not read as an export, said in zod's words in the UI language.
  const parsed = exportFileSchema.safeParse(file, inUiLanguage());
  if (!parsed.success) throw refuse(describeImportProblems(parsed.error).join('; '));
  const incoming = parsed.data.configurations;
  const tags = incoming.map((c) => c.tag);
  const twice = tags.find((tag, i) => tags.indexOf(tag) !== i);
  if (twice) throw refuse(t('importTagTwice', { tag: twice }));
  const { stages, questions, context } = await catalogue(read);
  const problems = incoming.flatMap((config, index) => {
    const { errors } = validateConfiguration(config, { ...context, existing: [] });
    return Object.values(errors).map((problem) => `configurations.${index} (${config.tag}): ${t(problem)}`);
  });
  if (problems.length) throw refuse(problems.slice(0, 5).join('; '));
  return changeConfigurations((all, managed) => {
    const clash = incoming.find((config) => managed.some((c) => c.tag === config.tag));
    if (clash) throw refuse(`configurations (${clash.tag}): ${t('errTagManaged')}`);
    const merged = [...all];
    let added = 0;
    let updated = 0;
    for (const config of incoming) {
      // Names come from today's catalogue, not from the file.
      const fresh = {
        ...config,
        stageName: stages.get(config.stageId)?.text ?? config.stageName,
        questionTitle: config.questionId === null ? null : (questions.get(config.questionId)?.title ?? null),
      };
      // The same tag is the same configuration: the file's version replaces the saved one.
      const index = merged.findIndex((c) => c.tag === config.tag || c.id === config.id);
      if (index === -1) {
        merged.push(fresh);
        added += 1;
      } else {
        merged[index] = { ...fresh, id: merged[index]?.id ?? config.id };
        updated += 1;
      }
    }
    if (merged.length > MAX_CONFIGURATIONS) throw refuse(t('importTooMany', { max: MAX_CONFIGURATIONS }));
    return { next: merged, value: { added, updated } };
  });
}
