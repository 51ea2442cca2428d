import { describe, expect, it } from 'vitest';
import { candidateIdFromUrl } from '../../../lib/services/lever/page-url';

describe('candidate pages', () => {
  it('takes the opportunity id after /candidates/ on the three Lever app hosts', () => {
    expect(candidateIdFromUrl('https://hire.lever.co/candidates/7c0a-1?tab=notes#x')).toBe('7c0a-1');
    expect(candidateIdFromUrl('https://hire.eu.lever.co/candidates/abc/feedback')).toBe('abc');
    expect(candidateIdFromUrl('https://hire.sandbox.lever.co/candidates/lead%20new')).toBe('lead new');
    expect(candidateIdFromUrl('https://hire.lever.co/candidates')).toBeUndefined();
    expect(candidateIdFromUrl('https://hire.lever.co/jobs/abc')).toBeUndefined();
    expect(candidateIdFromUrl('https://lever.co.evil.example/candidates/abc')).toBeUndefined();
    // The application named in the query wins over the person in the path; a malformed one is ignored.
    expect(candidateIdFromUrl('https://hire.lever.co/candidates/c-1?id=7c0a-2')).toBe('7c0a-2');
    expect(candidateIdFromUrl('https://hire.lever.co/candidates/c-1?opportunityId=7c0a-3&id=x')).toBe('7c0a-3');
    expect(candidateIdFromUrl('https://hire.lever.co/candidates/c-1?id=../../x')).toBe('c-1');
  });
});
