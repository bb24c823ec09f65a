import { describe, expect, it } from 'vitest';
import { CATALOG_GROUPS, CATALOG_OCCUPATIONS, CATALOG_STANDARDS, PUBLISHED_2022 } from './catalog-2022.generated.ts';
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

  it('applies the corrections the second copy supports: 1-02-03 is 人民政协机关负责人 (source 1 reads 人民政府…)', () => {
    expect(hierarchyOf('1-02-03-00').minor).toEqual({ code: '1-02-03', name: '人民政协机关负责人' });
    expect(catalogOccupations().find((o) => o.code === '1-02-03-00')?.name).toBe('人民政协机关负责人');
    // The final edition's 小类 the draft lacks is kept: 2-07-08 检察辅助人员.
    expect(hierarchyOf('2-07-08-00').minor?.name).toBe('检察辅助人员');
    // One-character slips of source 1 the 公示稿 reads otherwise.
    const byCode = new Map(catalogOccupations().map((o) => [o.code, o]));
    expect(byCode.get('2-02-16-04')?.name).toBe('民航飞行签派工程技术人员');
    expect(byCode.get('6-17-07-02')).toMatchObject({ name: '钽铌冶炼工', initials: 'tnylg' });
  });

  it('a 2022 code renumbered when a 2024 occupation joined its 小类 is a former code', () => {
    const byCode = new Map(catalogOccupations().map((o) => [o.code, o]));
    expect(byCode.get('2-02-32-01')).toMatchObject({ name: '制药工程技术人员', formerCodes: ['2-02-32-00'] });
    expect(byCode.get('4-05-02-01')).toMatchObject({ name: '证券期货服务师', formerCodes: ['4-05-02-00'] });
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

describe('standards index (scripts/catalog/standards-index.txt)', () => {
  it('R5: an occupation the index lists has a published standard, its year and printed code; its levels stay unverified', () => {
    const byCode = new Map(catalogOccupations().map((o) => [o.code, o]));
    expect(byCode.get('6-28-02-01')).toMatchObject({
      name: '燃气储运工',
      standardStatus: 'published',
      standardYear: 2021,
      standardCode: '6-28-02-01',
      levelsVerified: false,
      formerCodes: [],
    });
    // The source states the level set of 消防设施操作员 (五级–一级) and of 企业人力资源管理师 (四级–一级).
    expect(byCode.get('4-07-05-03')).toMatchObject({ standardYear: 2019, levels: [5, 4, 3, 2, 1], levelsVerified: false });
    expect(byCode.get('4-07-03-04')).toMatchObject({ standardYear: 2019, levels: [4, 3, 2, 1], levelsVerified: false });
    // No printed code read: none stored, none invented.
    expect(byCode.get('4-14-05-03')).toMatchObject({ name: '游泳救生员', standardYear: 2020, standardCode: null, formerCodes: [] });
    // Not in the index and not researched: still unknown, so R5 asks for a filed 评价规范.
    expect(byCode.get('4-08-08-25')).toMatchObject({ standardStatus: 'unknown', standardYear: null });
    expect(CATALOG_STANDARDS.length).toBeGreaterThanOrEqual(12);
    for (const [code] of CATALOG_STANDARDS) expect(byCode.get(code)?.standardStatus, code).toBe('published');
  });

  it('a 2015 code printed on a standard is the former code of the 2022 occupation of the same name', () => {
    const byCode = new Map(catalogOccupations().map((o) => [o.code, o]));
    expect(byCode.get('2-02-38-01')).toMatchObject({ name: '人工智能工程技术人员', standardCode: '2-02-10-09', formerCodes: ['2-02-10-09'] });
    expect(byCode.get('2-02-38-06')).toMatchObject({ name: '工业互联网工程技术人员', formerCodes: ['2-02-10-13'] });
    // Every former code belongs to one occupation only.
    const formers = catalogOccupations().flatMap((o) => o.formerCodes);
    expect(new Set(formers).size).toBe(formers.length);
  });

  it('flags the 2024 and 2025 新职业 by the batch lists: 35 of the 36 names are in the source', () => {
    const later = catalogOccupations().filter((o) => o.addedIn);
    expect(later).toHaveLength(35);
    expect(later.filter((o) => o.addedIn === '2024')).toHaveLength(18);
    expect(later.filter((o) => o.addedIn === '2025')).toHaveLength(17);
    const byCode = new Map(catalogOccupations().map((o) => [o.code, o]));
    expect(byCode.get('4-14-05-08')).toMatchObject({ name: '滑雪巡救员', addedIn: '2024' });
    expect(byCode.get('6-29-02-18')).toMatchObject({ name: '钢结构装配工', addedIn: '2025' });
    expect(byCode.get('6-18-01-01')?.addedIn).toBeNull();
  });

  describe('refuses a bad row, naming its line', () => {
    const seeds = OCCUPATIONS;
    const byCode = new Map(CATALOG_OCCUPATIONS.map((r) => [r[0], r[1]]));
    const head = '@A a source\n';
    async function check(body: string) {
      const { mkdtempSync, writeFileSync } = await import('node:fs');
      const { join } = await import('node:path');
      const { tmpdir } = await import('node:os');
      const file = join(mkdtempSync(join(tmpdir(), 'std-')), 'index.txt');
      writeFileSync(file, head + body);
      const { standardsIndex } = await import('../../../../scripts/catalog/build-catalog.ts');
      return () => standardsIndex(file, byCode, seeds);
    }
    it('accepts a good row', async () => {
      expect((await check('6-28-02-01 | 燃气储运工 | 2021 | 6-28-02-01 | - | A\n'))().entries).toHaveLength(1);
    });
    it.each([
      ['a code of the wrong shape', '6-28-2-01 | 燃气储运工 | 2021 | - | - | A', /line 2: code 6-28-2-01 is not of the shape/],
      ['a code the catalog does not hold', '6-28-02-98 | 燃气储运工 | 2021 | - | - | A', /line 2: code 6-28-02-98 is not in the catalog/],
      ['a name that is not the code’s', '6-28-02-01 | 燃气工 | 2021 | - | - | A', /line 2: 6-28-02-01 is 燃气储运工 in the catalog/],
      ['a duplicate code', '6-28-02-01 | 燃气储运工 | 2021 | - | - | A\n6-28-02-01 | 燃气储运工 | 2020 | - | - | A', /line 3: 6-28-02-01 already on line 2/],
      ['a printed code of the wrong shape', '6-28-02-01 | 燃气储运工 | 2021 | 6-28-02 | - | A', /printed code 6-28-02 is not of the shape/],
      ['levels outside 1–5', '6-28-02-01 | 燃气储运工 | 2021 | - | 5,6 | A', /levels 5,6 are not distinct levels 1–5/],
      ['an unknown source', '6-28-02-01 | 燃气储运工 | 2021 | - | - | Z', /source Z has no @Z line/],
      ['a year that is no year', '6-28-02-01 | 燃气储运工 | 20x1 | - | - | A', /year 20x1 is not a year/],
      ['a missing field', '6-28-02-01 | 燃气储运工 | 2021 | - | A', /expected 6 fields/],
      [
        'a contradiction of a researched entry',
        '6-31-01-03 | 电工 | 2019 | - | - | A',
        /6-31-01-03 standard 2018 in occupations.data.ts, the source says 2019/,
      ],
      [
        'a former code claimed by two occupations',
        '2-02-38-01 | 人工智能工程技术人员 | 2021 | 2-02-10-09 | - | A\n2-02-38-02 | 物联网工程技术人员 | 2021 | 2-02-10-09 | - | A',
        /former code 2-02-10-09 claimed by both 2-02-38-01 and 2-02-38-02/,
      ],
    ])('%s', async (_what, row, error) => {
      expect(await check(`${row}\n`)).toThrow(error);
    });
  });
});
