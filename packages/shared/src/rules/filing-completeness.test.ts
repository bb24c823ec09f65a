import { describe, expect, it } from 'vitest';
import { missingParts } from './filing-completeness.ts';

describe('missingParts (the server refusal and the web self-check share it)', () => {
  it('an empty initial application misses scope, sites, assessors and attachments', () => {
    expect(missingParts({ scope: [], sites: [], assessors: [], attachmentIds: [], type: 'initial' })).toEqual(['scope', 'sites', 'assessors', 'attachments']);
  });
  it('an application with everything but an attachment misses only the attachment', () => {
    expect(missingParts({ scope: [1], sites: [1], assessors: [1], attachmentIds: [], type: 'initial' })).toEqual(['attachments']);
  });
  it('a 增设 expansion needs no sites or assessors of its own', () => {
    expect(missingParts({ scope: [1], sites: [], assessors: [], attachmentIds: [1], type: 'expansion' })).toEqual([]);
  });
});
