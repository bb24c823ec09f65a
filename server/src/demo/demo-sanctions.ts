import type { Db } from '../db/client.ts';
import type { CertificateSigner } from '../modules/certificates/certificates.signing.ts';
import { findInstitutionOf } from '../modules/institutions/institutions.repository.ts';
import { addItem, createInspection, recordFindings } from '../modules/inspections/inspections.service.ts';
import { recordViolation } from '../modules/sanctions/sanctions.service.ts';
import { detectSignals } from '../modules/signals/signals.service.ts';
import { as } from './demo-filings.ts';

const day = (n: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * Supervision for the demo (issue 15): an open violation of the listed Lingang institution with a warning (a warning
 * changes no state, so every other demo flow still runs — its R4 report now shows the record), an inspection in
 * progress with one open 整改 item, and the anomaly detectors run once over the demo data (what they find, honestly).
 */
export async function seedDemoSanctions(db: Db, signer: CertificateSigner): Promise<void> {
  const hr = await as(db, 'sh_hr');
  const school = await as(db, 'lg_school_admin');
  const inst = await findInstitutionOf(db, school.actor.orgId, 'skill_level');
  if (!inst) throw new Error('demo: the Lingang institution is not listed');
  await recordViolation({ signer }, hr, {
    institutionId: inst.id,
    type: '考务管理不规范',
    severity: 'minor',
    description: '2025 年第四批认定的考场签到表缺两名考生签名，未按规定留存',
    occurredOn: day(-40),
    rule: '《职业技能等级认定工作规程》考务管理：签到表须由考生本人签名并归档',
    evidenceIds: [],
    sanction: { kind: 'warning' },
  });
  const inspection = await createInspection(hr, { institutionId: inst.id, kind: 'planned', title: '2026 年度评价机构日常检查', scheduledOn: day(-7) });
  await recordFindings(hr, inspection.id, '考务档案基本齐全；考评员回避登记未随批次归档。');
  await addItem(hr, inspection.id, { description: '补齐本年度各批次考评员回避登记表并归档', dueOn: day(21) });
  await detectSignals(hr);
}
