import type { SkillLevel } from '@skillcert/shared/domain';

/**
 * What the exam-administration documents print. Plain data: the plans/enrolment services fill these from the
 * database and the renderers here turn them into PDF and Excel. ID numbers may be passed whole or already masked —
 * every renderer prints them masked (maskIdCard), never whole.
 */

/** One part (科目) of the plan on a candidate's ticket: its sitting (场次) and the candidate's place. */
export interface TicketPart {
  /** e.g. 理论知识考试, 操作技能考核, 综合评审. */
  partName: string;
  /** 准考证号 for this part. */
  examNumber: string;
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  startTime: string;
  /** HH:MM */
  endTime: string;
  /** 考点: site name or address. */
  site: string;
  /** 考场: room name or number. */
  room: string;
  /** Seat number in the room; null when the part has no fixed seat (e.g. 综合评审). */
  seat: number | null;
}

/** 准考证 — one candidate's admission ticket. */
export interface AdmissionTicket {
  /** Heading; default 职业技能等级认定准考证. */
  title?: string;
  /** 评价机构 that runs the plan. */
  institutionName: string;
  /** Plan name or number printed under the title (optional). */
  planName?: string;
  candidateName: string;
  /** Whole or masked; printed masked. */
  idNumber: string;
  /** 证件类型; default 居民身份证. */
  idType?: string;
  gender?: 'male' | 'female';
  /** JPEG (or PNG) bytes of the one-inch photo; null prints a "no photo" box. */
  photo: Uint8Array | null;
  occupationName: string;
  /** 职业编码 (e.g. 6-30-99-00) or 专项 item code. */
  occupationCode: string;
  /** 工种 where the occupation has them. */
  workType?: string;
  level: SkillLevel;
  parts: TicketPart[];
  /** Encoded into the QR code: where a supervisor verifies the ticket. */
  verifyUrl: string;
  /** 考生须知; default DEFAULT_CANDIDATE_RULES. */
  rules?: string[];
  /** Printed in the footer; default: today. */
  issuedOn?: string;
}

/** One seat in a room list or sign-in sheet. */
export interface SeatRow {
  seat: number;
  examNumber: string;
  name: string;
  /** Whole or masked; printed masked. */
  idNumber: string;
  className?: string;
  /** Thumbnail on the sign-in sheet (JPEG/PNG); null or absent prints an empty box. */
  photo?: Uint8Array | null;
}

/** One room of one sitting (场次). */
export interface RoomSheet {
  site: string;
  room: string;
  seats: SeatRow[];
}

/** Header shared by the seat plan and the sign-in sheet. */
export interface SittingHeader {
  institutionName: string;
  planName?: string;
  occupationName: string;
  occupationCode: string;
  level: SkillLevel;
  partName: string;
  /** YYYY-MM-DD */
  date: string;
  startTime: string;
  endTime: string;
}

/** 考场座位表 — the list posted at each room's door, one page (or more) per room. */
export interface SeatPlan extends SittingHeader {
  rooms: RoomSheet[];
}

/** 签到表 — signed by each candidate at the desk, one page (or more) per room. */
export interface SignInSheet extends SittingHeader {
  rooms: RoomSheet[];
}

export const LEVEL_TITLES: Record<SkillLevel, string> = {
  5: '五级/初级工',
  4: '四级/中级工',
  3: '三级/高级工',
  2: '二级/技师',
  1: '一级/高级技师',
};

/** 四 → `四级/中级工`. */
export function levelTitle(level: SkillLevel): string {
  return LEVEL_TITLES[level];
}

/** 考生须知 printed when the plan gives none. */
export const DEFAULT_CANDIDATE_RULES: readonly string[] = [
  '考生须提前 15 分钟到达考场，凭本准考证和有效居民身份证（与报名证件一致）入场，二证缺一不得参加考试。',
  '开考 15 分钟后不得入场；理论知识考试开考 30 分钟后方可交卷离场。',
  '按准考证号对号入座，将准考证和身份证放在桌面左上角，以备核验。',
  '除考试规定的文具外，不得携带手机、智能手表等电子设备及书籍资料进入考场；已带入的须关机并放在指定位置。',
  '服从监考人员和考评人员的管理，遵守考场纪律；违纪、作弊者按《职业技能等级认定工作规程》处理，成绩无效。',
  '操作技能考核须按规定穿戴劳动防护用品，遵守安全操作规程。',
  '本准考证须妥善保管，考试结束后保留至成绩公示结束。',
];
