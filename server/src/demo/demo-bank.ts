import type { BlueprintBody, ItemType } from '@skillcert/shared/api/banks';
import { ItemBody } from '@skillcert/shared/api/banks';
import { inTransaction } from '../context.ts';
import type { Db } from '../db/client.ts';
import { createBlueprint } from '../modules/blueprints/blueprints.service.ts';
import { createCourse } from '../modules/curriculum/curriculum.service.ts';
import { setItemStatus, storeItems } from '../modules/items/items.service.ts';
import { assemble, recordResponses } from '../modules/papers/papers.service.ts';
import { as } from './demo-filings.ts';

/** 工业机器人系统操作员 四级: the blueprint a school would copy from the 2020 national standard's 比重表. */
const BLUEPRINT: BlueprintBody = {
  occupationCode: '6-31-07-03',
  level: 4,
  theory: [
    {
      code: '1',
      name: '基本要求',
      weight: 20,
      points: [
        { code: '1.1', name: '职业道德', weight: 5 },
        { code: '1.2', name: '安全生产与环境保护', weight: 5 },
        { code: '1.3', name: '机械与电气基础知识', weight: 10 },
      ],
    },
    {
      code: '2',
      name: '机械系统装调',
      weight: 25,
      points: [
        { code: '2.1', name: '机械部件装配', weight: 15 },
        { code: '2.2', name: '气动系统装调', weight: 10 },
      ],
    },
    {
      code: '3',
      name: '电气系统装调',
      weight: 25,
      points: [
        { code: '3.1', name: '电气线路连接', weight: 15 },
        { code: '3.2', name: '传感器安装调试', weight: 10 },
      ],
    },
    {
      code: '4',
      name: '操作编程与运行维护',
      weight: 30,
      points: [
        { code: '4.1', name: '示教编程', weight: 20 },
        { code: '4.2', name: '运行维护', weight: 10 },
      ],
    },
  ],
  skills: [
    { code: 'A', name: '机械系统装调', weight: 25, points: [] },
    { code: 'B', name: '电气系统装调', weight: 25, points: [] },
    { code: 'C', name: '操作编程', weight: 35, points: [] },
    { code: 'D', name: '维护保养', weight: 15, points: [] },
  ],
};

const TOPICS: Record<string, string[]> = {
  '1.1': ['爱岗敬业', '诚实守信', '团结协作', '精益求精', '遵纪守法', '文明生产', '质量意识', '服务意识', '创新意识', '工匠精神', '职业守则', '安全责任'],
  '1.2': ['安全帽佩戴', '急停按钮', '安全围栏', '锁定挂牌', '废油处理', '触电急救', '灭火器选用', '噪声防护', '防护眼镜', '安全光幕', '作业许可', '危险源辨识'],
  '1.3': [
    '公差配合',
    '螺纹标注',
    '欧姆定律',
    '交流电有效值',
    '三相电源',
    '二极管导通',
    '继电器触点',
    '机械制图视图',
    '表面粗糙度',
    '齿轮传动比',
    '轴承类型',
    '万用表使用',
  ],
  '2.1': [
    '减速机安装',
    '同步带张紧',
    '联轴器对中',
    '螺栓预紧力',
    '导轨平行度',
    '夹具定位',
    '末端执行器更换',
    '底座水平调整',
    '轴承预紧',
    '润滑脂加注',
    '键连接',
    '定位销装配',
    '丝杠安装',
    '齿轮啮合检查',
    '机械限位',
    '防护罩安装',
  ],
  '2.2': [
    '气缸行程',
    '电磁阀类型',
    '气源三联件',
    '真空吸盘',
    '节流阀调速',
    '气管选型',
    '压力开关',
    '气路泄漏检测',
    '单作用气缸',
    '双作用气缸',
    '消声器',
    '气压设定',
    '缓冲调节',
    '气动回路图',
    '气缸安装方式',
    '气源压力波动',
  ],
  '3.1': [
    '电缆弯曲半径',
    '端子压接',
    '接地保护',
    '屏蔽线处理',
    '线号标识',
    '配电柜布线',
    '伺服电缆',
    '编码器线',
    '急停回路',
    '安全继电器',
    'IO 接线',
    '24V 电源',
    '电缆拖链',
    '接线端子紧固',
    '绝缘电阻测量',
    '继电器输出',
  ],
  '3.2': [
    '光电开关',
    '接近开关',
    '磁性开关',
    '视觉相机标定',
    '力传感器',
    '光栅尺',
    '传感器 NPN 输出',
    '传感器 PNP 输出',
    '检测距离',
    '响应时间',
    '安装支架',
    '信号指示灯',
    '传感器灵敏度',
    '抗干扰措施',
    '检测对象材质',
    '传感器选型',
  ],
  '4.1': [
    '关节坐标系',
    '世界坐标系',
    '工具坐标系',
    '工件坐标系',
    'TCP 标定',
    '直线运动指令',
    '关节运动指令',
    '圆弧运动指令',
    '速度倍率',
    '示教器使能键',
    '程序调用',
    'IO 指令',
    '奇异点规避',
    '负载参数设定',
    '程序暂停与恢复',
    '位置寄存器',
    '偏移指令',
    '循环指令',
  ],
  '4.2': [
    '开机检查',
    '零点校准',
    '电池更换',
    '报警代码',
    '日常点检',
    '减速机换油',
    '备份程序',
    '运行记录',
    '示教器清洁',
    '电缆磨损检查',
    '风扇清理',
    '定期保养周期',
    '制动器检查',
    '电机温升',
    '异常振动',
    '密封件检查',
    '控制柜除尘',
    '故障记录分析',
  ],
};

function theoryItems(blueprintId: string): (typeof ItemBody)['_output'][] {
  const out: (typeof ItemBody)['_output'][] = [];
  for (const area of BLUEPRINT.theory) {
    for (const point of area.points ?? []) {
      TOPICS[point.code]!.forEach((topic, i) => {
        const base = {
          blueprintId,
          areaCode: area.code,
          pointCode: point.code,
          difficulty: (i % 5) + 1,
          referenceAnswer: null,
          analysis: `考查${point.name}中“${topic}”的要点。`,
          rubric: null,
        };
        out.push(
          ItemBody.parse({
            ...base,
            type: 'single',
            points: 1,
            stem: `关于“${topic}”（${point.name}），下列说法正确的是（　）。`,
            options: [
              { key: 'A', text: `${topic}可以省略` },
              { key: 'B', text: `${topic}应按标准和规程执行` },
              { key: 'C', text: `${topic}只在验收时考虑` },
              { key: 'D', text: `${topic}由操作者自行决定` },
            ],
            answer: ['B'],
          }),
        );
        out.push(
          ItemBody.parse({ ...base, type: 'judge', points: 1, stem: `在${point.name}中，${topic}须符合作业指导书的要求。`, options: [], answer: ['true'] }),
        );
        if (i % 3 === 0) {
          out.push(
            ItemBody.parse({
              ...base,
              type: 'multiple',
              points: 2,
              stem: `做好“${topic}”（${point.name}）应当（　）。`,
              options: [
                { key: 'A', text: '执行操作规程' },
                { key: 'B', text: '做好记录' },
                { key: 'C', text: '凭经验随意调整' },
                { key: 'D', text: '发现异常及时报告' },
              ],
              answer: ['A', 'B', 'D'],
            }),
          );
        }
      });
    }
  }
  return out;
}

/** Two tasks per skill area, each worth the area's weight, so a 100-point practical paper meets the 技能要求比重表. */
const PRACTICAL: { area: string; points: number; stem: string }[] = [
  { area: 'A', points: 25, stem: '完成工业机器人末端执行器（气动夹爪）的安装与气路连接，并调试至可靠夹持。' },
  { area: 'A', points: 25, stem: '按装配图完成机器人第六轴法兰与快换工具盘的安装，并校验重复定位。' },
  { area: 'B', points: 25, stem: '按图纸完成机器人控制柜与外围设备的 IO 信号接线，并用示教器验证信号。' },
  { area: 'B', points: 25, stem: '完成工作站光电传感器与安全光幕的接线和调试，验证急停回路。' },
  { area: 'C', points: 35, stem: '建立工具坐标系与工件坐标系，示教编写搬运程序，完成 6 个工件的码垛。' },
  { area: 'C', points: 35, stem: '示教编写轨迹程序，沿工件轮廓完成涂胶路径，速度与姿态符合工艺要求。' },
  { area: 'D', points: 15, stem: '按保养手册完成机器人日常点检，更换控制柜风扇滤网，并填写保养记录。' },
  { area: 'D', points: 15, stem: '完成机器人零点校准检查与程序备份，记录报警履历并分析处理。' },
];

function practicalItems(blueprintId: string): (typeof ItemBody)['_output'][] {
  return PRACTICAL.map((p) =>
    ItemBody.parse({
      blueprintId,
      areaCode: p.area,
      pointCode: null,
      type: 'practical' satisfies ItemType,
      stem: p.stem,
      points: p.points,
      difficulty: 3,
      referenceAnswer: '按作业指导书步骤完成，工具使用规范，结果经考评员确认。',
      rubric: {
        criteria: [
          { text: '准备工作与工具选用', points: p.points * 0.1 },
          { text: '操作步骤与工艺规范', points: p.points * 0.5 },
          { text: '结果质量与功能验证', points: p.points * 0.3 },
          { text: '安全文明生产', points: p.points * 0.1 },
        ].map((c) => ({ ...c, points: Math.round(c.points * 10) / 10 })),
        vetoes: ['未按规定断电即进行接线或拆装', '造成设备损坏或人身伤害'],
        durationMinutes: 30,
      },
    }),
  );
}

/**
 * The demo school's 题库: a blueprint for 工业机器人系统操作员 四级, a reviewed bank of about 260 theory items and four
 * practical tasks, two courses mapped to the blueprint, and one assembled paper pair (A/B).
 */
export async function seedDemoBank(db: Db): Promise<void> {
  const school = await as(db, 'school_admin');
  const bp = await createBlueprint(school, BLUEPRINT);
  const ids = await inTransaction(db, school, async (tx) => {
    const rows = [...theoryItems(bp.id), ...practicalItems(bp.id)].map((body, i) => ({ ref: i + 1, id: null, body }));
    const report = await storeItems(tx, school.actor, rows, 'excel');
    if (report.errors.length) throw new Error(`demo bank: ${report.errors[0]!.message}`);
    return report.ids;
  });
  // 命题 by the school's admin, 审核 by a colleague (school_staff): review is always another account's act.
  await setItemStatus(await as(db, 'school_staff'), { ids, status: 'reviewed' });
  await createCourse(school, {
    name: '工业机器人现场编程',
    code: 'JD2301',
    majorCode: '460305',
    hours: 64,
    areas: [
      { blueprintId: bp.id, part: 'theory', areaCode: '4' },
      { blueprintId: bp.id, part: 'skills', areaCode: 'C' },
    ],
  });
  await createCourse(school, {
    name: '机电设备装调技术',
    code: 'JD2204',
    majorCode: '460305',
    hours: 96,
    areas: [
      { blueprintId: bp.id, part: 'theory', areaCode: '2' },
      { blueprintId: bp.id, part: 'theory', areaCode: '3' },
      { blueprintId: bp.id, part: 'skills', areaCode: 'A' },
      { blueprintId: bp.id, part: 'skills', areaCode: 'B' },
    ],
  });
  const { papers } = await assemble(school, {
    blueprintId: bp.id,
    name: '2026 年第一批 工业机器人系统操作员 四级 理论知识试卷',
    sections: [
      { type: 'judge', count: 20, points: 1 },
      { type: 'single', count: 60, points: 1 },
      { type: 'multiple', count: 10, points: 2 },
    ],
    totalScore: 100,
    difficultyTarget: 3,
    variants: 2,
    seed: 'demo-2026',
  });
  await recordResponses(school, papers[0]!.id, { responses: simulatedSitting(papers[0]!.items, 48) });
  // The practical paper: one task per skill area, each at the area's weight (操作技能考核试卷).
  await assemble(school, {
    blueprintId: bp.id,
    name: '2026 年第一批 工业机器人系统操作员 四级 操作技能考核试卷',
    sections: [
      { type: 'practical', count: 1, points: 35 },
      { type: 'practical', count: 2, points: 25 },
      { type: 'practical', count: 1, points: 15 },
    ],
    totalScore: 100,
    tolerance: 0,
    variants: 2,
    seed: 'demo-2026-practical',
  });
}

/**
 * A simulated sitting so the bank browser shows item statistics: candidates of spread ability answer an item right
 * with a probability falling with its difficulty (a logistic model), drawn from a fixed seed.
 */
function simulatedSitting(items: readonly { itemId: string; points: number; difficulty: number }[], candidates: number) {
  let s = 20260101;
  const random = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return Array.from({ length: candidates }, (_, c) => {
    const ability = -2 + (4 * c) / (candidates - 1);
    const scores = Object.fromEntries(
      items.map((item, k) => {
        // every 15th item is one a school would rewrite: the strong and the weak answer it alike
        const p = k % 15 === 7 ? 0.5 : 1 / (1 + Math.exp(-(ability - (item.difficulty - 3) * 0.8) * 1.7));
        return [item.itemId, random() < p ? item.points : 0];
      }),
    );
    return { candidate: `2026${String(c + 1).padStart(4, '0')}`, scores };
  });
}
