import { describe, expect, it } from 'vitest';
import { PAD_TYPE_NAMES, PAD_TYPES, padTypeSchema } from '../../../lib/services/coderpad/pad-type';
import { fitsPadType } from '../../../lib/services/coderpad/schemas';
import { validateConfiguration } from '../../../lib/configurations/configuration';
import { invitationMailto } from '../../../lib/text/invitation';
import { padTypeLabel } from '../../../lib/text/pad-type-label';
import en from '../../../public/_locales/en/messages.json';
import fr from '../../../public/_locales/fr/messages.json';
import managedSchema from '../../../public/managed_schema.json';

/*
 * The pad types are one table: every place that differs by type reads its entry. A new type is an
 * entry there, its words in both locales and its name in the managed schema; these tests fail when
 * one of those is missing.
 */

const wordsOf = (entry: (typeof PAD_TYPES)[keyof typeof PAD_TYPES]): string[] =>
  Object.values(entry as Record<string, unknown>).filter((value): value is string => typeof value === 'string');

describe('pad types', () => {
  it('has the words of every type in English and French', () => {
    for (const name of PAD_TYPE_NAMES) {
      for (const key of wordsOf(PAD_TYPES[name])) {
        expect(en, `${name}: ${key}`).toHaveProperty(key);
        expect(fr, `${name}: ${key}`).toHaveProperty(key);
      }
    }
  });

  it('offers every type to a policy, and reads each', () => {
    const configuration = managedSchema.properties.configurations.items.properties as Record<
      string,
      { enum?: string[] }
    >;
    expect(configuration.padType?.enum).toEqual(PAD_TYPE_NAMES);
    for (const name of PAD_TYPE_NAMES) expect(padTypeSchema.parse(name)).toBe(name);
  });

  it('is what the label, the invitation, the question rules and the validation read', () => {
    for (const name of PAD_TYPE_NAMES) {
      const entry = PAD_TYPES[name];
      expect(padTypeLabel(name, (key) => `<${key}>`)).toBe(`<${entry.label}>`);
      const mailto = decodeURIComponent(
        invitationMailto({ email: 'a@b.example', candidateName: 'Ada L', padType: name, url: 'https://coderpad.io/x' }),
      );
      expect(mailto).toContain(`subject=${en[entry.emailSubject].message}`);
      const takeHomeQuestion = { pad_type: 'take_home', take_home: null };
      expect(fitsPadType(takeHomeQuestion, name)).toBe(entry.takeHome);
      const { errors } = validateConfiguration(
        {
          tag: 'T',
          stageId: 's',
          padType: name,
          questionId: null,
          language: null,
          titleTemplate: '{candidate}',
        },
        { existing: [] },
      );
      expect(errors.questionId).toBe(entry.needsQuestion ? entry.errQuestionRequired : undefined);
    }
  });
});
