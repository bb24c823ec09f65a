import { describe, expect, it } from 'vitest';
import { CATALOG_GROUPS, CATALOG_OCCUPATIONS, PUBLISHED_2022 } from './catalog-2022.generated.ts';
import { catalogOccupations, catalogTree, hierarchyOf } from './occupations.catalog.ts';
import { OCCUPATIONS } from './occupations.data.ts';

describe('shipped 2022 catalog', () => {
  it('has the published structure: 8 大类, 79 中类, 450 小类; every occupation sits under a 小类', () => {
    const len = (n: number) => CATALOG_GROUPS.filter(([c]) => c.length === n).length;
    expect([len(1), len(4), len(7)]).toEqual([PUBLISHED_2022.major, PUBLISHED_2022.middle, PUBLISHED_2022.minor]);
    const minors = new Set(CATALOG_GROUPS.map(([c]) => c));
    expect(CATALOG_OCCUPATIONS.filter(([code]) => !minors.has(code.slice(0, 7)))).toEqual([]);
    expect(new Set(CATALOG_OCCUPATIONS.map(([code]) => code)).size).toBe(CATALOG_OCCUPATIONS.length);
    expect(CATALOG_OCCUPATIONS.every(([code]) => /^\d-\d{2}-\d{2}-\d{2}$/.test(code))).toBe(true);
  });

  it('keeps every researched entry (levels, standard, 工种) and loses none', () => {
    const byCode = new Map(catalogOccupations().map((o) => [o.code, o]));
    for (const seed of OCCUPATIONS) {
      expect(byCode.get(seed.code), seed.code).toMatchObject({
        name: seed.name,
        levels: seed.levels,
        workTypes: seed.workTypes,
        levelsVerified: seed.levelsVerified,
      });
    }
    expect(byCode.get('6-31-07-03')).toMatchObject({ formerCodes: ['6-30-99-00'], standardStatus: 'published', initials: 'gyjqrxtczy', markings: ['S'] });
  });

  it('names the hierarchy above a code, and null for a group the edition lacks', () => {
    expect(hierarchyOf('6-31-01-03')).toEqual({
      major: { code: '6', name: '生产制造及有关人员' },
      middle: { code: '6-31', name: '生产辅助人员' },
      minor: { code: '6-31-01', name: '机械设备修理人员' },
    });
    expect(hierarchyOf('4-98-01-01').middle).toBeNull();
  });

  it('sums counts up the tree', () => {
    const tree = catalogTree(
      new Map([
        ['6-31-07', 5],
        ['6-31-01', 10],
        ['2-05-01', 25],
      ]),
    );
    expect(tree.find((m) => m.code === '6')?.count).toBe(15);
    expect(tree.find((m) => m.code === '6')?.children.find((c) => c.code === '6-31')?.count).toBe(15);
    expect(tree.reduce((s, m) => s + m.count, 0)).toBe(40);
  });
});

describe('generated catalog file', () => {
  it('is what scripts/catalog/build-catalog.ts makes of the committed input (regenerate after editing it)', async () => {
    const { readFileSync } = await import('node:fs');
    const { build, OUTPUT } = await import('../../../../scripts/catalog/build-catalog.ts');
    expect(build().out === readFileSync(OUTPUT, 'utf8')).toBe(true);
  });
});
