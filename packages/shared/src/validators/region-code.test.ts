import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { cityOf, isRegionCodeFormat, isWithinRegion, provinceOf, regionLevelOf, regionPrefix } from './region-code.ts';

describe('isRegionCodeFormat', () => {
  it('accepts exactly 6 ASCII digits', () => {
    expect(isRegionCodeFormat('110105')).toBe(true);
    expect(isRegionCodeFormat('000000')).toBe(true);
    for (const bad of ['', '11010', '1101050', '11010a', ' 110105', '110105 ', '１１0105', '110105\n']) {
      expect(isRegionCodeFormat(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('regionLevelOf', () => {
  it('classifies by trailing zeros', () => {
    expect(regionLevelOf('310000')).toBe('province'); // 上海市
    expect(regionLevelOf('320500')).toBe('city'); // 苏州市
    expect(regionLevelOf('110100')).toBe('city'); // 北京市 市辖区
    expect(regionLevelOf('429000')).toBe('city'); // 湖北省 省直辖县级行政区划
    expect(regionLevelOf('310115')).toBe('county'); // 浦东新区
    expect(regionLevelOf('429004')).toBe('county'); // 仙桃市
    expect(regionLevelOf('320583')).toBe('county'); // 昆山市
  });

  it('throws on a malformed code', () => {
    expect(() => regionLevelOf('31000')).toThrow(RangeError);
    expect(() => regionLevelOf('abcdef')).toThrow(RangeError);
  });
});

describe('provinceOf / cityOf', () => {
  it('derives the parent codes', () => {
    expect(provinceOf('310115')).toBe('310000');
    expect(provinceOf('310000')).toBe('310000');
    expect(cityOf('320583')).toBe('320500');
    expect(cityOf('320500')).toBe('320500');
    expect(cityOf('320000')).toBe('320000');
    expect(cityOf('429004')).toBe('429000');
  });

  it('throws on a malformed code', () => {
    expect(() => provinceOf('3101')).toThrow(RangeError);
    expect(() => cityOf('3101150')).toThrow(RangeError);
  });
});

describe('regionPrefix', () => {
  it('returns 2, 4 or 6 digits by level', () => {
    expect(regionPrefix('310000')).toBe('31');
    expect(regionPrefix('320500')).toBe('3205');
    expect(regionPrefix('320583')).toBe('320583');
  });

  it('throws on a malformed code', () => {
    expect(() => regionPrefix('')).toThrow(RangeError);
  });
});

describe('isWithinRegion', () => {
  it('province scope covers the whole province', () => {
    expect(isWithinRegion('320000', '320000')).toBe(true);
    expect(isWithinRegion('320000', '320500')).toBe(true);
    expect(isWithinRegion('320000', '320583')).toBe(true);
    expect(isWithinRegion('320000', '330106')).toBe(false);
  });

  it('city scope covers its counties only', () => {
    expect(isWithinRegion('320500', '320500')).toBe(true);
    expect(isWithinRegion('320500', '320583')).toBe(true);
    expect(isWithinRegion('320500', '320105')).toBe(false); // 南京市建邺区
    expect(isWithinRegion('320500', '320000')).toBe(false); // the province is not inside the city
  });

  it('county scope is an exact match', () => {
    expect(isWithinRegion('320583', '320583')).toBe(true);
    expect(isWithinRegion('320583', '320582')).toBe(false);
    expect(isWithinRegion('320583', '320500')).toBe(false);
  });

  it('is false (no throw) for malformed codes', () => {
    expect(isWithinRegion('32', '320583')).toBe(false);
    expect(isWithinRegion('320000', '32058')).toBe(false);
    expect(isWithinRegion('', '')).toBe(false);
  });

  const code = fc.stringMatching(/^\d{6}$/);

  it('every code is within its own province and city, and itself', () => {
    fc.assert(
      fc.property(code, (c) => {
        expect(isWithinRegion(provinceOf(c), c)).toBe(true);
        expect(isWithinRegion(cityOf(c), c)).toBe(true);
        expect(isWithinRegion(c, c)).toBe(true);
      }),
    );
  });

  it('agrees with the prefix rule and is transitive through the city', () => {
    fc.assert(
      fc.property(code, code, (scope, target) => {
        expect(isWithinRegion(scope, target)).toBe(target.startsWith(regionPrefix(scope)));
        if (isWithinRegion(scope, cityOf(target)) && isWithinRegion(cityOf(target), target)) {
          expect(isWithinRegion(scope, target)).toBe(true);
        }
      }),
    );
  });
});
