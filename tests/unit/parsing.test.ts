import { describe, expect, it } from 'vitest';
import { padTitle, validateConfiguration } from '../../lib/configurations/schema';
import { parseRetryAfter } from '../../lib/services/http/request';
import { invitationMailto } from '../../lib/text/invitation';
import { candidateIdFromUrl } from '../../lib/services/lever/page-url';
import { isPadUrl, padIdFromUrl } from '../../lib/services/coderpad/links';

describe('candidate pages', () => {
  it('takes the opportunity id after /candidates/ on the three Lever app hosts', () => {
    expect(candidateIdFromUrl('https://hire.lever.co/candidates/7c0a-1?tab=notes#x')).toBe('7c0a-1');
    expect(candidateIdFromUrl('https://hire.eu.lever.co/candidates/abc/feedback')).toBe('abc');
    expect(candidateIdFromUrl('https://hire.sandbox.lever.co/candidates/lead%20new')).toBe('lead new');
    expect(candidateIdFromUrl('https://hire.lever.co/candidates')).toBeUndefined();
    expect(candidateIdFromUrl('https://hire.lever.co/jobs/abc')).toBeUndefined();
    expect(candidateIdFromUrl('https://lever.co.evil.example/candidates/abc')).toBeUndefined();
  });
});

describe('pad links', () => {
  it('accepts only https links on CoderPad', () => {
    expect(padIdFromUrl('https://coderpad.io/ABC1234')).toBe('ABC1234');
    expect(padIdFromUrl('https://app.coderpad.io/ABC1234/')).toBe('ABC1234');
    expect(isPadUrl('http://coderpad.io/ABC1234')).toBe(false);
    expect(isPadUrl('https://coderpad.io.evil.example/ABC1234')).toBe(false);
    expect(isPadUrl('https://coderpad.io/ABC1234/playback')).toBe(false);
    expect(isPadUrl('javascript:alert(1)')).toBe(false);
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 12:00:10 GMT', Date.parse('Thu, 26 Nov 2026 12:00:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

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

describe('invitation e-mail', () => {
  it('words live and take-home invitations differently and encodes them', () => {
    const live = invitationMailto({
      email: 'a@b.example',
      candidateName: 'Ada Lovelace',
      padType: 'live',
      url: 'https://coderpad.io/X1',
    });
    const takeHome = invitationMailto({
      email: 'a@b.example',
      candidateName: 'Ada Lovelace',
      padType: 'take_home',
      url: 'https://coderpad.io/X1',
    });
    expect(live).toMatch(/^mailto:a%40b\.example\?subject=Your%20CoderPad%20interview&body=Hello%20Ada%2C/);
    expect(decodeURIComponent(takeHome)).toContain('take-home test');
    expect(decodeURIComponent(takeHome)).toContain('https://coderpad.io/X1');
  });
});
