import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { askForNotifications } from '../../lib/auto-mode/notifications';
import { useId, useMemo } from 'react';
import { type FieldErrors, useForm } from 'react-hook-form';
import { z } from 'zod';
import { PAD_TYPE_NAMES } from '../../lib/services/coderpad/pad-type';
import { fitsPadType, type Question } from '../../lib/services/coderpad/schemas';
import {
  configurationInputSchema,
  DEFAULT_TITLE_TEMPLATE,
  validateConfiguration,
  type Configuration,
  type ConfigurationInput,
} from '../../lib/configurations/configuration';
import { t } from '../../lib/text/i18n';
import type { Stage } from '../../lib/services/lever/schemas';
import { ErrorAlert } from '../ErrorAlert';
import {
  AutoModeField,
  FieldError,
  InterviewerField,
  PadTypeField,
  QuestionFields,
  StageField,
  TextField,
  type Validity,
} from './fields';
import { queries, queryKeys } from '../../utils/query';
import { ask } from '../../lib/messaging/client';

/**
 * The form's own fields: the configuration's input, where selects speak strings (a question's id,
 * a language) and text is taken as typed (its rules are said by `validateConfiguration`); and
 * this browser's auto mode.
 */
const formSchema = configurationInputSchema.omit({ id: true }).extend({
  tag: z.string(),
  padType: z.enum(PAD_TYPE_NAMES),
  questionId: z.string(),
  language: z.string(),
  titleTemplate: z.string(),
  interviewerId: z.string(),
  autoMode: z.boolean(),
});
type FormValues = z.infer<typeof formSchema>;

function toInput(values: FormValues, id?: string): ConfigurationInput {
  return {
    id,
    tag: values.tag.trim(),
    stageId: values.stageId,
    padType: values.padType,
    questionId: values.questionId ? Number(values.questionId) : null,
    language: values.language ? (values.language as ConfigurationInput['language']) : null,
    titleTemplate: values.titleTemplate,
    interviewerId: values.interviewerId || null,
  };
}

interface Props {
  configuration?: Configuration;
  existing: Configuration[];
  stages: Stage[];
  questions: Question[];
  onDone(): void;
}

/** The wizard, once it knows whether auto mode is on for this configuration in this browser. */
export function ConfigurationForm(props: Props) {
  const autoModes = useQuery({ queryKey: queryKeys.autoMode, queryFn: queries.autoMode });
  if (autoModes.isPending) return <p className="muted">{t('loading')}</p>;
  if (autoModes.isError) return <ErrorAlert error={autoModes.error} onRetry={() => autoModes.refetch()} />;
  const autoWas = props.configuration ? !!autoModes.data.modes[props.configuration.id] : false;
  // Turned off by the organisation: the checkbox is not offered.
  const autoAllowed = autoModes.data.policy.enabled !== false;
  return <ConfigurationFormBody {...props} autoWas={autoWas} autoAllowed={autoAllowed} />;
}

function ConfigurationFormBody({
  configuration,
  existing,
  stages,
  questions,
  onDone,
  autoWas,
  autoAllowed,
}: Props & { autoWas: boolean; autoAllowed: boolean }) {
  const base = useId();
  const ids = fieldIds(base);

  const form = useConfigurationForm({ configuration, existing, stages, questions, autoMode: autoWas });
  const { register, handleSubmit, watch, formState, setValue } = form;
  const padType = watch('padType');
  watch('tag');
  const questionId = watch('questionId');
  const currentLanguage = watch('language');
  const status = useQuery({ queryKey: queryKeys.status, queryFn: queries.status });

  const caseClash = validateConfiguration(toInput(form.getValues(), configuration?.id), { existing }).caseClash;

  const save = useSaveConfiguration(configuration, autoWas, onDone);

  const { errorOf, checked, errorFor } = fieldErrors(formState.errors, base);
  /** A text field's control, its validity (with its hint) and its error. */
  const textField = (field: 'tag' | 'titleTemplate', id: string) => ({
    id,
    input: register(field),
    check: checked(field, `${id}-hint`),
    error: errorFor(field),
  });

  return (
    <form
      className="wizard"
      aria-label={configuration ? t('editConfiguration') : t('newConfiguration')}
      onSubmit={handleSubmit((values) => save.mutate(values))}
      noValidate
    >
      <h3>{configuration ? t('editConfiguration') : t('newConfiguration')}</h3>

      <StageField
        id={ids.stage}
        stages={stages}
        select={register('stageId')}
        check={checked('stageId')}
        error={errorFor('stageId')}
      />

      <PadTypeField
        id={ids.type}
        register={() => register('padType', { onChange: () => setValue('questionId', '', { shouldValidate: true }) })}
      />

      <QuestionFields
        ids={ids}
        questions={questions}
        padType={padType}
        questionId={questionId}
        select={register('questionId')}
        language={register('language')}
        check={checked('questionId')}
        error={errorFor('questionId')}
        defaultLanguage={status.data?.coderpad?.defaultLanguage}
        currentLanguage={currentLanguage}
      />

      <TextField label={t('tagLabel')} hint={t('tagHelp')} {...textField('tag', ids.tag)}>
        {!errorOf('tag') && caseClash && <div className="field-warning">{t('warnTagCase', { other: caseClash })}</div>}
      </TextField>

      <TextField
        label={t('titleTemplateLabel')}
        hint={t('titleTemplateHelp')}
        wide
        {...textField('titleTemplate', ids.title)}
      />

      <InterviewerField id={ids.interviewer} select={register('interviewerId')} />

      {autoAllowed && (
        <AutoModeField
          id={ids.auto}
          checkbox={register('autoMode', {
            // Asked here, in the click that turns auto mode on, and nowhere else: the summary
            // notification is optional, and auto mode works without it.
            onChange: (event: { target: { checked: boolean } }) => {
              if (event.target.checked) void askForNotifications();
            },
          })}
        />
      )}

      {save.isError && <ErrorAlert error={save.error} />}
      <div className="row">
        <button type="submit" disabled={!formState.isValid || save.isPending} aria-busy={save.isPending}>
          {save.isPending ? t('saving') : configuration ? t('save') : t('create')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/** The ids that tie each control to its label, hint and error. */
const fieldIds = (base: string) => ({
  stage: `${base}-stage`,
  question: `${base}-question`,
  search: `${base}-search`,
  tag: `${base}-tag`,
  language: `${base}-language`,
  title: `${base}-title`,
  type: `${base}-type`,
  auto: `${base}-auto`,
  interviewer: `${base}-interviewer`,
});

/** Each field's error: its words, its element, and the control's validity for assistive technology. */
function fieldErrors(errors: FieldErrors<FormValues>, base: string) {
  const errorId = (field: keyof FormValues) => `${base}-${field}-error`;
  const errorOf = (field: keyof FormValues) => errors[field]?.message;
  return {
    errorOf,
    /** Invalid when it has an error, described by it and its hint. */
    checked: (field: keyof FormValues, hint?: string): Validity => ({
      'aria-invalid': !!errorOf(field),
      'aria-describedby': [errorOf(field) ? errorId(field) : '', hint ?? ''].filter(Boolean).join(' ') || undefined,
    }),
    errorFor: (field: keyof FormValues) => <FieldError id={errorId(field)} message={errorOf(field)} />,
  };
}

/** Saves the configuration, then turns auto mode on or off for it when the checkbox changed. */
function useSaveConfiguration(configuration: Configuration | undefined, autoWas: boolean, onDone: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (values: FormValues) => {
      const saved = await ask('saveConfiguration', toInput(values, configuration?.id));
      if (values.autoMode !== autoWas) await ask('setAutoMode', { configurationId: saved.id, on: values.autoMode });
      return saved;
    },
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.configurations }),
        client.invalidateQueries({ queryKey: queryKeys.autoMode }),
      ]);
      onDone();
    },
  });
}

/** The wizard's form state, validated by the same rules the background enforces (lib/configurations). */
function useConfigurationForm({
  configuration,
  existing,
  stages,
  questions,
  autoMode,
}: Omit<Props, 'onDone'> & { autoMode: boolean }) {
  // The rules live in lib/configurations; the form only maps their answers to fields.
  const schema = useMemo(
    () =>
      formSchema.superRefine((values, ctx) => {
        const { errors } = validateConfiguration(toInput(values, configuration?.id), {
          existing,
          stageIds: stages.map((s) => s.id),
          questions: questions.map((q) => ({ id: q.id, take_home: fitsPadType(q, 'take_home') })),
        });
        for (const [field, key] of Object.entries(errors)) {
          if (key) ctx.addIssue({ code: 'custom', path: [field], message: t(key) });
        }
      }),
    [configuration?.id, existing, stages, questions],
  );

  const form = useForm<FormValues>({
    resolver: zodResolver(schema),
    mode: 'onChange',
    defaultValues: {
      tag: configuration?.tag ?? '',
      stageId: configuration?.stageId ?? '',
      padType: configuration?.padType ?? 'live',
      questionId: configuration?.questionId ? String(configuration.questionId) : '',
      language: configuration?.language ?? '',
      titleTemplate: configuration?.titleTemplate ?? DEFAULT_TITLE_TEMPLATE,
      interviewerId: configuration?.interviewerId ?? '',
      autoMode,
    },
  });
  return form;
}
