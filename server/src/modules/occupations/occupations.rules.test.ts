import { describe, expect, it } from 'vitest';
import { importCollisions } from './occupations.rules.ts';

const robot = { code: '6-31-07-03', name: '工业机器人系统操作员', formerCodes: ['6-30-99-00'] };
const electrician = { code: '6-31-01-03', name: '电工', formerCodes: [] };
const existing = new Map([
  ['6-31-07-03', robot],
  ['6-30-99-00', robot],
  ['6-31-01-03', electrician],
]);

describe('import collisions', () => {
  it('a new code or the same code and name passes', () => {
    expect(
      importCollisions(
        [
          { row: 3, code: '4-98-01-01', name: '新职业' },
          { row: 4, code: '6-31-01-03', name: '电工' },
        ],
        existing,
        'en-US',
      ),
    ).toEqual([]);
  });
  it("another occupation's former code is refused, naming the row and the occupation", () => {
    expect(importCollisions([{ row: 7, code: '6-30-99-00', name: '工业机器人操作工' }], existing, 'en-US')).toEqual([
      { row: 7, column: 'A', message: 'code 6-30-99-00 is the former code of 6-31-07-03 工业机器人系统操作员' },
    ]);
    expect(importCollisions([{ row: 7, code: '6-30-99-00', name: '工业机器人操作工' }], existing, 'zh-CN')).toEqual([
      { row: 7, column: 'A', message: '编码 6-30-99-00 是 6-31-07-03 工业机器人系统操作员 的曾用编码' },
    ]);
  });
  it('renaming an existing code is refused on the name column', () => {
    expect(importCollisions([{ row: 9, code: '6-31-01-03', name: '维修电工' }], existing, 'en-US')).toEqual([
      { row: 9, column: 'B', message: 'code 6-31-01-03 belongs to 电工; an import may not rename it' },
    ]);
    expect(importCollisions([{ row: 9, code: '6-31-01-03', name: '维修电工' }], existing, 'zh-CN')).toEqual([
      { row: 9, column: 'B', message: '编码 6-31-01-03 属于“电工”，导入不能改名' },
    ]);
  });
});
