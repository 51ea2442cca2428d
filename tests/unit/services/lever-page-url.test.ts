import { describe, expect, it } from 'vitest';
import { candidatePageFromUrl } from '../../../lib/services/lever/page-url';

describe('candidate pages', () => {
  it('takes the id after /candidates/ on the three Lever app hosts', () => {
    expect(candidatePageFromUrl('https://hire.lever.co/candidates/7c0a-1?tab=notes#x')).toEqual({ pageId: '7c0a-1' });
    expect(candidatePageFromUrl('https://hire.eu.lever.co/candidates/abc/feedback')).toEqual({ pageId: 'abc' });
    expect(candidatePageFromUrl('https://hire.sandbox.lever.co/candidates/lead%20new')).toEqual({ pageId: 'lead new' });
    expect(candidatePageFromUrl('https://hire.lever.co/candidates')).toBeUndefined();
    expect(candidatePageFromUrl('https://hire.lever.co/jobs/abc')).toBeUndefined();
    expect(candidatePageFromUrl('https://lever.co.evil.example/candidates/abc')).toBeUndefined();
  });

  it('keeps the application the query names apart from the page’s person (the background checks it is theirs)', () => {
    expect(candidatePageFromUrl('https://hire.lever.co/candidates/c-1?id=7c0a-2')).toEqual({
      pageId: 'c-1',
      applicationId: '7c0a-2',
    });
    expect(candidatePageFromUrl('https://hire.lever.co/candidates/c-1?opportunityId=7c0a-3&id=x')).toEqual({
      pageId: 'c-1',
      applicationId: '7c0a-3',
    });
    expect(candidatePageFromUrl('https://hire.lever.co/candidates/c-1?id=../../x')).toEqual({ pageId: 'c-1' });
    expect(candidatePageFromUrl('https://hire.lever.co/candidates/c-1?id=c-1')).toEqual({ pageId: 'c-1' });
  });
});
