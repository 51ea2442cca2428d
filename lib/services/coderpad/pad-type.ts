// zod/mini: part of the content script, which every Lever page loads.
import { z } from 'zod/mini';

/**
 * CoderPad's kinds of pad, and everything PadBridge does differently for each, in one table: the
 * form, the question list, the validation, the confirmation, the invitation, the job's check of
 * what CoderPad made and the policy all read it. Adding a kind is one entry here, its words in
 * `public/_locales`, and its name in `public/managed_schema.json`. The words are message keys.
 */
export const PAD_TYPES = {
  live: {
    label: 'padTypeLive',
    /** A configuration of this kind must name a question (else the pad opens empty, in a language). */
    needsQuestion: false,
    /** Whether CoderPad's questions for take-home tests are its questions (`pad_type: take_home`). */
    takeHome: false,
    /** Said beside the question and in the confirmation, if anything. */
    hint: null,
    /** The question list's empty choice. */
    noQuestion: 'noQuestion',
    emailSubject: 'emailSubjectLive',
    emailBody: 'emailBodyLive',
    /** Why a configuration is refused: no question, or a question of another kind. */
    errQuestionRequired: null,
    errQuestionOfAnotherKind: null,
  },
  take_home: {
    label: 'padTypeTakeHome',
    needsQuestion: true,
    takeHome: true,
    hint: 'takeHomeTimeLimit',
    noQuestion: 'chooseQuestion',
    emailSubject: 'emailSubjectTakeHome',
    emailBody: 'emailBodyTakeHome',
    errQuestionRequired: 'errQuestionRequiredTakeHome',
    errQuestionOfAnotherKind: 'errQuestionNotTakeHome',
  },
} as const;

export type PadType = keyof typeof PAD_TYPES;
/** The kinds, in the order the form offers them. */
export const PAD_TYPE_NAMES = Object.keys(PAD_TYPES) as [PadType, ...PadType[]];
export const padTypeSchema = z.enum(PAD_TYPE_NAMES);
