import { skillcertContextUrl, VC_V2_CONTEXT } from './credentials.contexts.ts';
import { issuerDid, statusListUrl, w3cDate } from './credentials.rules.ts';

/** A status entry allocated for one credential in an issuer's list. */
export interface StatusEntry {
  listId: string;
  index: number;
}

/** What a certificate credential states. Numbers, masking and wording are decided by the caller (issuance). */
export interface CertificateFields {
  /** The platform's public origin (`https://…`), which names our context, DIDs and status lists. */
  origin: string;
  issuerOrgId: string;
  issuerName: string;
  /** 评价机构代码 / the institution's code in the catalog. */
  institutionCode: string;
  /** 职业技能等级证书 | 专项职业能力证书 | … */
  certificateKind: string;
  certificateNumber: string;
  holderName: string;
  /** `段*`: the name as public pages show it. */
  maskedName: string;
  /** 居民身份证 | 港澳居民来往内地通行证 | … */
  idType: string;
  /** The ID number with its middle hidden; the whole number is never in a credential. */
  maskedIdNumber: string;
  occupationCode: string;
  occupationName: string;
  /** 工种/职业方向; `--` when none (never blank). */
  workType: string;
  /** 1..5 (一级 … 五级). */
  level: number;
  /** `三级/高级工`. */
  levelName: string;
  validFrom: Date;
  status: StatusEntry;
}

export type Credential = Record<string, unknown>;

/**
 * A VC 2.0 certificate in the Open Badges 3.0 shape where it fits: the subject is an `AchievementSubject` whose
 * `achievement` is the occupation at a level; the issuer a `Profile` (its DID). Unsigned; `signCredential` adds the proof.
 */
export function buildCertificateCredential(f: CertificateFields): Credential {
  const did = issuerDid(f.origin, f.issuerOrgId);
  const listUrl = statusListUrl(f.origin, f.issuerOrgId, f.status.listId);
  const achievementName = f.workType && f.workType !== '--' ? `${f.occupationName}（${f.workType}）${f.levelName}` : `${f.occupationName} ${f.levelName}`;
  return {
    '@context': [VC_V2_CONTEXT, skillcertContextUrl(f.origin)],
    id: new URL(`/api/public/certificates/${encodeURIComponent(f.certificateNumber)}/credential`, f.origin).toString(),
    type: ['VerifiableCredential', 'SkillCertificateCredential'],
    name: f.certificateKind,
    issuer: { id: did, type: ['Profile'], name: f.issuerName, institutionCode: f.institutionCode },
    validFrom: w3cDate(f.validFrom),
    certificateNumber: f.certificateNumber,
    credentialSubject: {
      type: ['AchievementSubject'],
      holderName: f.holderName,
      maskedName: f.maskedName,
      idType: f.idType,
      maskedIdNumber: f.maskedIdNumber,
      achievement: {
        type: ['Achievement'],
        achievementType: 'Certificate',
        certificateKind: f.certificateKind,
        name: achievementName,
        occupationCode: f.occupationCode,
        occupationName: f.occupationName,
        workType: f.workType === '' ? '--' : f.workType,
        level: f.level,
        levelName: f.levelName,
      },
    },
    credentialStatus: {
      id: `${listUrl}#${f.status.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(f.status.index),
      statusListCredential: listUrl,
    },
  };
}
