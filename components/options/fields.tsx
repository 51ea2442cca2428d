import { type ReactNode, useState } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { CODERPAD_LANGUAGES, fitsPadType, type Question } from '../../lib/services/coderpad/schemas';
import { PAD_TYPE_NAMES, PAD_TYPES, type PadType } from '../../lib/services/coderpad/pad-type';
import { t } from '../../lib/text/i18n';
import { useQuery } from '@tanstack/react-query';
import { describeError } from '../../lib/text/describe-error';
import { errorInfoOf } from '../../lib/messaging/result';
import { queries, queryKeys } from '../../utils/query';
import { padTypeLabel } from '../../lib/text/pad-type-label';

/* The configuration wizard's fields that have logic or repeat: each with its label, hint and error. */

/** A field's error, tied to its control by id (the control's aria-describedby names it). */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <div className="field-error" id={id}>
      {message}
    </div>
  );
}

/** The question: searchable by title or language, only take-home questions for a take-home; a language for a live pad without one. */
export function QuestionFields({
  ids,
  questions,
  padType,
  questionId,
  select,
  language,
  check,
  error,
  defaultLanguage,
  currentLanguage,
}: {
  ids: { search: string; question: string; language: string };
  questions: Question[];
  padType: PadType;
  questionId: string;
  select: UseFormRegisterReturn;
  language: UseFormRegisterReturn;
  check: { 'aria-invalid': boolean; 'aria-describedby': string | undefined };
  error: ReactNode;
  /** The CoderPad organisation's default language, when known. */
  defaultLanguage?: string | null;
  /** The language chosen now (kept in the list even when CoderPad's documented list lacks it). */
  currentLanguage?: string;
}) {
  const [search, setSearch] = useState('');
  const languages: readonly string[] = CODERPAD_LANGUAGES;
  const needle = search.trim().toLowerCase();
  const choices = questions
    .filter((q) => fitsPadType(q, padType))
    .filter(
      (q) => !needle || q.title.toLowerCase().includes(needle) || (q.language ?? '').toLowerCase().includes(needle),
    );
  const selected = questions.find((q) => String(q.id) === questionId);
  const hint = PAD_TYPES[padType].hint;
  return (
    <>
      <div className="field">
        <label htmlFor={ids.search}>{t('questionSearchLabel')}</label>
        <input
          id={ids.search}
          type="search"
          value={search}
          placeholder={t('questionSearchPlaceholder')}
          onChange={(e) => setSearch(e.target.value)}
          aria-controls={ids.question}
        />
        <div className="hint" aria-live="polite">
          {t('questionCount', { count: choices.length })}
        </div>
      </div>
      <div className="field">
        <label htmlFor={ids.question}>{t('questionLabel')}</label>
        <select id={ids.question} {...select} {...check}>
          <option value="">{t(PAD_TYPES[padType].noQuestion)}</option>
          {selected && !choices.includes(selected) && <option value={String(selected.id)}>{selected.title}</option>}
          {choices.map((q) => (
            <option key={q.id} value={String(q.id)}>
              {q.language ? `${q.title} (${q.language})` : q.title}
            </option>
          ))}
        </select>
        {choices.length === 0 && <div className="hint">{t('noQuestions')}</div>}
        {error}
        {hint && <div className="hint">{t(hint)}</div>}
      </div>

      {!PAD_TYPES[padType].needsQuestion && !questionId && (
        <div className="field">
          <label htmlFor={ids.language}>{t('languageLabel')}</label>
          <select id={ids.language} {...language}>
            <option value="">
              {defaultLanguage ? t('languageOrganizationDefault', { language: defaultLanguage }) : t('languageDefault')}
            </option>
            {/* A language CoderPad's list does not name (from an import or a policy) stays choosable. */}
            {currentLanguage && !languages.includes(currentLanguage) && (
              <option value={currentLanguage}>{currentLanguage}</option>
            )}
            {languages.map((language) => (
              <option key={language} value={language}>
                {language}
              </option>
            ))}
          </select>
        </div>
      )}
    </>
  );
}

/** Live interview or take-home test; changing it clears the question, whose kinds differ. */
export function PadTypeField({ id, register }: { id: string; register: () => UseFormRegisterReturn }) {
  return (
    <div className="field" role="radiogroup" aria-labelledby={`${id}-legend`}>
      <div className="legend" id={`${id}-legend`}>
        {t('padTypeLabel')}
      </div>
      <div className="row">
        {PAD_TYPE_NAMES.map((type) => (
          <label className="radio" key={type}>
            <input type="radio" value={type} {...register()} />
            {padTypeLabel(type)}
          </label>
        ))}
      </div>
    </div>
  );
}

/** How a control states its validity: invalid when it has an error, described by it and its hint. */
export type Validity = { 'aria-invalid': boolean; 'aria-describedby': string | undefined };

/** A text field with its label, hint and error; `children` comes after the error (a warning). */
export function TextField({
  id,
  label,
  hint,
  input,
  check,
  error,
  wide,
  children,
}: {
  id: string;
  label: string;
  hint: string;
  input: UseFormRegisterReturn;
  check: Validity;
  error: ReactNode;
  wide?: boolean;
  children?: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" className={wide ? 'wide' : undefined} {...input} {...check} />
      <div className="hint" id={`${id}-hint`}>
        {hint}
      </div>
      {error}
      {children}
    </div>
  );
}

/** The stage the configuration moves candidates to, from Lever's list. */
export function StageField({
  id,
  stages,
  select,
  check,
  error,
}: {
  id: string;
  stages: { id: string; text: string }[];
  select: UseFormRegisterReturn;
  check: Validity;
  error: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{t('stageLabel')}</label>
      <select id={id} {...select} {...check}>
        <option value="">{t('chooseStage')}</option>
        {stages.map((stage) => (
          <option key={stage.id} value={stage.id}>
            {stage.text}
          </option>
        ))}
      </select>
      {error}
    </div>
  );
}

/** Auto mode for this configuration in this browser. */
export function AutoModeField({ id, checkbox }: { id: string; checkbox: UseFormRegisterReturn }) {
  return (
    <div className="field">
      <label className="checkbox">
        <input type="checkbox" {...checkbox} aria-describedby={`${id}-hint`} />
        {t('autoModeLabel')}
      </label>
      <div className="hint" id={`${id}-hint`}>
        {t('autoModeHelp')}
      </div>
    </div>
  );
}

/** The interviewer auto mode names for this configuration's pads (one of Lever's users, or none). */
export function InterviewerField({ id, select }: { id: string; select: UseFormRegisterReturn }) {
  const users = useQuery({ queryKey: queryKeys.users, queryFn: queries.users });
  return (
    <div className="field">
      <label htmlFor={id}>{t('defaultInterviewerLabel')}</label>
      <select id={id} {...select} disabled={!users.data} aria-busy={users.isPending} aria-describedby={`${id}-hint`}>
        <option value="">{t('interviewerNone')}</option>
        {(users.data ?? []).map((user) => (
          <option key={user.id} value={user.id}>
            {user.email ? `${user.name} (${user.email})` : user.name}
          </option>
        ))}
      </select>
      <div className="hint" id={`${id}-hint`}>
        {users.isError
          ? t('interviewerFailed', { reason: describeError(errorInfoOf(users.error)) })
          : t('defaultInterviewerHelp')}
      </div>
    </div>
  );
}
