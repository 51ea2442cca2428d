import { describe, expect, it } from 'vitest';
import { configurationSchema, padTitle, validateConfiguration } from '../../../lib/configurations/configuration';

const base = {
  tag: 'CP',
  stageId: 's',
  padType: 'live' as const,
  questionId: null,
  language: null,
  titleTemplate: 'x',
};
const problems = (input: Partial<typeof base>) => validateConfiguration({ ...base, ...input }, { existing: [] }).errors;

describe('configuration rules', () => {
  const base = {
    tag: 'CP',
    stageId: 's1',
    padType: 'live' as const,
    questionId: null,
    language: null,
    titleTemplate: 'x',
  };
  const ctx = {
    existing: [{ id: 'a', tag: 'Other' }],
    stageIds: ['s1'],
    questions: [
      { id: 1, take_home: true },
      { id: 2, take_home: false },
    ],
  };

  it('accepts a valid live configuration', () => {
    expect(validateConfiguration(base, ctx).errors).toEqual({});
  });
  it('names each problem', () => {
    expect(validateConfiguration({ ...base, tag: ' ' }, ctx).errors.tag).toBe('errTagRequired');
    expect(validateConfiguration({ ...base, tag: 'Other' }, ctx).errors.tag).toBe('errTagDuplicate');
    expect(validateConfiguration({ ...base, tag: 'other' }, ctx).caseClash).toBe('Other');
    expect(validateConfiguration({ ...base, stageId: 'gone' }, ctx).errors.stageId).toBe('errStageUnknown');
    expect(validateConfiguration({ ...base, padType: 'take_home' }, ctx).errors.questionId).toBe(
      'errQuestionRequiredTakeHome',
    );
    expect(validateConfiguration({ ...base, padType: 'take_home', questionId: 2 }, ctx).errors.questionId).toBe(
      'errQuestionNotTakeHome',
    );
    expect(validateConfiguration({ ...base, questionId: 99 }, ctx).errors.questionId).toBe('errQuestionUnknown');
    expect(validateConfiguration({ ...base, titleTemplate: '' }, ctx).errors.titleTemplate).toBe('errTitleRequired');
  });
  it('lets a configuration keep its own tag when edited', () => {
    expect(validateConfiguration({ ...base, id: 'a', tag: 'Other' }, ctx).errors).toEqual({});
  });
  it('fills pad titles from the template', () => {
    expect(padTitle('{candidate} — {stage} ({tag})', { candidate: 'Ada', stage: 'On-site', tag: 'CP' })).toBe(
      'Ada — On-site (CP)',
    );
  });
});

describe('configuration input', () => {
  it('limits a tag to 80 characters, without commas or control characters', () => {
    expect(problems({ tag: 'a'.repeat(80) })).toEqual({});
    expect(problems({ tag: 'a'.repeat(81) }).tag).toBe('errTagTooLong');
    expect(problems({ tag: 'CoderPad, live' }).tag).toBe('errTagCharacters');
    expect(problems({ tag: 'Coder\u0000Pad' }).tag).toBe('errTagCharacters');
    expect(problems({ tag: 'Line\nbreak' }).tag).toBe('errTagCharacters');
  });

  it('limits a title template to 200 characters', () => {
    expect(problems({ titleTemplate: 'x'.repeat(200) })).toEqual({});
    expect(problems({ titleTemplate: 'x'.repeat(201) }).titleTemplate).toBe('errTitleTooLong');
  });

  it('fills each placeholder once: a candidate named "{stage}" or "$&" stays as written', () => {
    const values = { candidate: '$& {stage} $1', stage: 'Onsite', tag: 'CP' };
    expect(padTitle('{candidate} — {stage} ({tag})', values)).toBe('$& {stage} $1 — Onsite (CP)');
    expect(padTitle('{unknown} {candidate}', { ...values, candidate: 'Ada' })).toBe('{unknown} Ada');
  });
});

describe('a configuration’s language', () => {
  it('keeps any well-formed CoderPad language name (live accounts use more than the documented list), and refuses what is not one', () => {
    const at = (language: string) =>
      configurationSchema.safeParse({
        id: '00000000-0000-4000-8000-000000000001',
        tag: 'CP',
        stageId: 's1',
        stageName: 'Stage',
        padType: 'live',
        questionId: null,
        questionTitle: null,
        language,
        createdAt: 1,
        updatedAt: 1,
      }).success;
    expect(['python', 'python3', 'go', 'scala', 'cpp', 'csharp'].map(at)).toEqual([true, true, true, true, true, true]);
    expect(['Python 3', '', 'x'.repeat(41), '<script>'].map(at)).toEqual([false, false, false, false]);
  });
});
