import { describe, expect, it } from 'vitest';
import { mustBeAssignee, nextComplaintStatus, sniffEvidence } from './complaints.rules.ts';

describe('complaints state machine', () => {
  it('R14: a new complaint is assigned, investigated, answered, then closed', () => {
    expect(nextComplaintStatus('new', 'assign')).toBe('assigned');
    expect(nextComplaintStatus('assigned', 'note')).toBe('investigating');
    expect(nextComplaintStatus('investigating', 'answer')).toBe('answered');
    expect(nextComplaintStatus('answered', 'close')).toBe('closed');
  });

  it('R14: re-assignment keeps the investigation going; nothing moves a closed complaint', () => {
    expect(nextComplaintStatus('investigating', 'assign')).toBe('investigating');
    for (const step of ['assign', 'note', 'answer', 'close'] as const) expect(nextComplaintStatus('closed', step)).toBeNull();
  });

  it('R14: no answer before assignment, no closing before an answer, no re-assignment after it', () => {
    expect(nextComplaintStatus('new', 'answer')).toBeNull();
    expect(nextComplaintStatus('new', 'note')).toBeNull();
    expect(nextComplaintStatus('investigating', 'close')).toBeNull();
    expect(nextComplaintStatus('answered', 'assign')).toBeNull();
  });

  it('notes and the answer are the assignee’s; assigning and closing are any HR officer in scope’s', () => {
    expect(mustBeAssignee('note')).toBe(true);
    expect(mustBeAssignee('answer')).toBe(true);
    expect(mustBeAssignee('assign')).toBe(false);
    expect(mustBeAssignee('close')).toBe(false);
  });
});

describe('evidence files', () => {
  it('are recognised by their bytes, not their names', () => {
    expect(sniffEvidence(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))?.mimeType).toBe('image/jpeg');
    expect(sniffEvidence(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))?.mimeType).toBe('image/png');
    expect(sniffEvidence(new TextEncoder().encode('%PDF-1.7\n'))?.mimeType).toBe('application/pdf');
    expect(sniffEvidence(new TextEncoder().encode('<html><script>'))).toBeNull();
    expect(sniffEvidence(new Uint8Array(0))).toBeNull();
  });
});
