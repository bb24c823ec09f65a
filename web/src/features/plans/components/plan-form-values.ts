import type { CandidateSource, ConflictKind, PartKind, PlanBasis, PlanBody, PlanDetail, PlanMethod, StaffInput } from '@skillcert/shared/api/plans';

export interface SittingValues {
  date?: string;
  startTime?: string;
  endTime?: string;
  site?: string;
  room?: string;
  capacity?: number;
  classes?: string[];
  invigilators?: string[];
  chief?: string;
  examiners?: string[];
  panel?: string[];
}

export interface PartValues {
  kind: PartKind;
  name?: string;
  passMark?: number;
  durationMinutes?: number;
  weight?: number;
  paperId?: string;
  sittings?: SittingValues[];
}

export interface PlanFormValues {
  title?: string;
  /** `occ|<code>|<level>|<work type>` or `item|<id>`: one line of the listed scope. */
  subject?: string;
  basis: PlanBasis;
  evalSpecId?: string;
  method: PlanMethod;
  candidateSources: CandidateSource[];
  courseExamReplacesTheory: boolean;
  capacity?: number;
  internalSupervisor?: string;
  note?: string;
  parts: PartValues[];
  conflicts?: { certificateNo?: string; kind?: ConflictKind; value?: string }[];
}

export function subjectKey(line: { occupationCode: string | null; level: number | null; workType: string | null; specialItemId: string | null }): string {
  return line.specialItemId ? `item|${line.specialItemId}` : `occ|${line.occupationCode ?? ''}|${line.level ?? ''}|${line.workType ?? ''}`;
}

function staffOf(s: SittingValues): StaffInput[] {
  return [
    ...(s.invigilators ?? []).map((certificateNo) => ({ role: 'invigilator' as const, certificateNo })),
    ...(s.chief ? [{ role: 'chief_examiner' as const, certificateNo: s.chief }] : []),
    ...(s.examiners ?? []).map((certificateNo) => ({ role: 'examiner' as const, certificateNo })),
    ...(s.panel ?? []).map((certificateNo) => ({ role: 'panel' as const, certificateNo })),
  ];
}

/** The API body from the form (the server checks the rest). */
export function planBody(v: PlanFormValues): PlanBody {
  const [kind, a, b, c] = (v.subject ?? '').split('|');
  const subject = kind === 'item' ? { specialItemId: a } : { occupationCode: a, level: Number(b) as 1 | 2 | 3 | 4 | 5, ...(c ? { workType: c } : {}) };
  return {
    title: v.title ?? '',
    ...subject,
    basis: v.basis,
    ...(v.basis === 'eval_spec' && v.evalSpecId ? { evalSpecId: v.evalSpecId } : {}),
    method: v.method,
    candidateSources: v.candidateSources,
    courseExamReplacesTheory: v.courseExamReplacesTheory,
    capacity: v.capacity ?? 0,
    ...(v.internalSupervisor ? { internalSupervisor: v.internalSupervisor } : {}),
    ...(v.note ? { note: v.note } : {}),
    parts: v.parts.map((p) => ({
      kind: p.kind,
      ...(p.name ? { name: p.name } : {}),
      ...(p.passMark !== undefined && p.passMark !== null ? { passMark: p.passMark } : {}),
      durationMinutes: p.durationMinutes ?? 0,
      ...(p.kind === 'process' && p.weight !== undefined ? { weight: p.weight } : {}),
      paperId: p.paperId ?? null,
      sittings: (p.sittings ?? []).map((s) => ({
        date: s.date ?? '',
        startTime: s.startTime ?? '',
        endTime: s.endTime ?? '',
        site: s.site ?? '',
        room: s.room ?? '',
        capacity: s.capacity ?? 0,
        classes: s.classes ?? [],
        staff: staffOf(s),
      })),
    })),
    conflicts: (v.conflicts ?? []).flatMap((c) =>
      c.certificateNo && c.kind && c.value ? [{ certificateNo: c.certificateNo, kind: c.kind, value: c.value }] : [],
    ),
  };
}

/** Form values of a stored plan (or a fresh one: theory and practical, one sitting each). */
export function initialValues(p: PlanDetail | undefined): PlanFormValues {
  if (!p) {
    return {
      basis: 'national_standard',
      method: 'result',
      candidateSources: ['own_students'],
      courseExamReplacesTheory: false,
      parts: [
        { kind: 'theory', durationMinutes: 90, sittings: [{ startTime: '09:00', endTime: '10:30' }] },
        { kind: 'practical', durationMinutes: 120, sittings: [{ startTime: '13:30', endTime: '15:30' }] },
      ],
      conflicts: [],
    };
  }
  const role = (staff: PlanDetail['parts'][number]['sittings'][number]['staff'], r: string) => staff.filter((m) => m.role === r).map((m) => m.certificateNo);
  return {
    title: p.title,
    subject: subjectKey(p),
    basis: p.basis,
    ...(p.evalSpecId ? { evalSpecId: p.evalSpecId } : {}),
    method: p.method,
    candidateSources: p.candidateSources,
    courseExamReplacesTheory: p.courseExamReplacesTheory,
    capacity: p.capacity,
    ...(p.internalSupervisor ? { internalSupervisor: p.internalSupervisor } : {}),
    ...(p.note ? { note: p.note } : {}),
    parts: p.parts.map((part) => ({
      kind: part.kind,
      ...(part.name ? { name: part.name } : {}),
      passMark: part.passMark,
      durationMinutes: part.durationMinutes,
      ...(part.weight !== null ? { weight: part.weight } : {}),
      ...(part.paperId ? { paperId: part.paperId } : {}),
      sittings: part.sittings.map((s) => ({
        date: s.date,
        startTime: s.startTime,
        endTime: s.endTime,
        site: s.site,
        room: s.room,
        capacity: s.capacity,
        classes: s.classes,
        invigilators: role(s.staff, 'invigilator'),
        ...(role(s.staff, 'chief_examiner')[0] ? { chief: role(s.staff, 'chief_examiner')[0] } : {}),
        examiners: role(s.staff, 'examiner'),
        panel: role(s.staff, 'panel'),
      })),
    })),
    conflicts: p.conflicts.map((c) => ({ certificateNo: c.certificateNo, kind: c.kind, value: c.value })),
  };
}
