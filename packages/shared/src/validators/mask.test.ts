import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { maskAddress, maskIdCard, maskMobile, maskName } from './mask.ts';

describe('maskName', () => {
  it('keeps the first character, one star per other character', () => {
    expect(maskName('段誉')).toBe('段*');
    expect(maskName('欧阳修')).toBe('欧**');
    expect(maskName('阿依古丽·买买提')).toBe('阿*******');
    expect(maskName(' 段誉 ')).toBe('段*');
  });

  it('counts by code point', () => {
    expect(maskName('𠮷野家')).toBe('𠮷**');
    expect(maskName('王𠮷')).toBe('王*');
  });

  it('edge cases', () => {
    expect(maskName('')).toBe('');
    expect(maskName('段')).toBe('段');
  });

  it('preserves length and the first character', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-ascii', minLength: 1 }).filter((s) => s.trim() === s && s !== ''),
        (s) => {
          const m = maskName(s);
          expect(m.length).toBe(s.length);
          expect(m.charAt(0)).toBe(s.charAt(0));
          expect(m.slice(1)).toMatch(/^\**$/);
        },
      ),
    );
  });
});

describe('maskMobile', () => {
  it('keeps the first 3 and last 4 digits', () => {
    expect(maskMobile('18012341999')).toBe('180****1999');
    expect(maskMobile('180 1234 1999')).toBe('180****1999');
    expect(maskMobile('180-1234-1999')).toBe('180****1999');
    expect(maskMobile('+8618012341999')).toBe('+86*******1999');
  });

  it('masks short values completely', () => {
    expect(maskMobile('')).toBe('');
    expect(maskMobile('1234567')).toBe('*******');
    expect(maskMobile('12345678')).toBe('123*5678');
  });
});

describe('maskIdCard', () => {
  it('keeps the first character and the last two', () => {
    expect(maskIdCard('51010119900101123X')).toBe('5***************3X');
    expect(maskIdCard('51010119900101123X')).toHaveLength(18);
    expect(maskIdCard('11010519491231002x')).toBe('1***************2X');
    expect(maskIdCard('110105491231002')).toBe('1************02');
  });

  it('masks short values completely', () => {
    expect(maskIdCard('')).toBe('');
    expect(maskIdCard('123')).toBe('***');
    expect(maskIdCard('1234')).toBe('1*34');
  });

  it('hides the birth date of any 18-character number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (id) => {
        const m = maskIdCard(id);
        expect(m).toHaveLength(18);
        expect(m).toBe(`${id.charAt(0)}${'*'.repeat(15)}${id.slice(16)}`);
      }),
    );
  });
});

describe('maskAddress', () => {
  const cases: [string, string][] = [
    ['上海市浦东新区张江路100号', '上海市浦东新区****'],
    ['北京市海淀区中关村大街1号', '北京市海淀区****'],
    ['北京朝阳区建国路88号', '北京朝阳区****'],
    ['广东省深圳市南山区科技园南区', '广东省深圳市南山区****'],
    ['浙江省杭州市西湖区', '浙江省杭州市西湖区'],
    ['山东省济南市市中区经四路', '山东省济南市市中区****'],
    ['湖北省荆州市沙市区北京中路', '湖北省荆州市沙市区****'],
    ['新疆维吾尔自治区乌鲁木齐市新市区北京南路', '新疆维吾尔自治区乌鲁木齐市新市区****'],
    ['新疆维吾尔自治区阿克苏地区阿克苏市解放路', '新疆维吾尔自治区阿克苏地区阿克苏市****'],
    ['内蒙古自治区锡林郭勒盟锡林浩特市额尔敦路', '内蒙古自治区锡林郭勒盟锡林浩特市****'],
    ['内蒙古自治区呼和浩特市土默特左旗察素齐镇', '内蒙古自治区呼和浩特市土默特左旗****'],
    ['云南省普洱市澜沧拉祜族自治县勐朗镇', '云南省普洱市澜沧拉祜族自治县****'],
    ['四川省凉山彝族自治州西昌市航天大道', '四川省凉山彝族自治州西昌市****'],
    ['香港特别行政区中西区皇后大道中', '香港特别行政区中西区****'],
    ['江苏省苏州市昆山市玉山镇前进路', '江苏省苏州市昆山市****'],
    ['江苏省昆山市玉山镇', '江苏省昆山市****'],
    ['广东省东莞市南城街道鸿福路', '广东省东莞市****'],
    ['湖南省常德市津市市襄阳街', '湖南省常德市津市市****'],
    ['山西省临汾市乡宁县昌宁镇', '山西省临汾市乡宁县****'],
    ['江西省萍乡市安源区', '江西省萍乡市安源区'],
    ['黑龙江省哈尔滨市道里区中央大街', '黑龙江省哈尔滨市道里区****'],
    ['河北省唐山市路北区建设路', '河北省唐山市路北区****'],
    ['浙江省宁波市镇海区', '浙江省宁波市镇海区'],
    ['山西省吕梁市岚县东村镇', '山西省吕梁市岚县****'],
    ['浙江省义乌市稠州北路阳光小区3幢', '浙江省义乌市****'],
    ['浙江省义乌市阳光小区3幢', '浙江省义乌市****'],
    ['  上海市浦东新区张江路100号  ', '上海市浦东新区****'],
  ];
  it.each(cases)('%s → %s', (input, expected) => {
    expect(maskAddress(input)).toBe(expected);
  });

  it('masks everything when no administrative unit is recognised', () => {
    expect(maskAddress('张江路100号')).toBe('****');
    expect(maskAddress('somewhere')).toBe('****');
    expect(maskAddress('')).toBe('');
  });

  it('always returns a prefix of the trimmed input, followed by **** unless nothing was cut', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'上海市省区县旗盟州自治地路号街镇乡村小东西南北中1') }), (s) => {
        const t = s.trim();
        const m = maskAddress(s);
        if (m === t) return;
        expect(m.endsWith('****')).toBe(true);
        expect(t.startsWith(m.slice(0, -4))).toBe(true);
        expect(m.length - 4).toBeLessThan(t.length);
      }),
    );
  });
});
