import ExcelJS from 'exceljs';

/** The blueprint used by bank tests, the browser test and the benchmark: 电工 四级, areas with and without points. */
export const ELECTRICIAN_BLUEPRINT = {
  occupationCode: '6-31-01-03',
  level: 4 as const,
  theory: [
    { code: '1', name: '职业道德', weight: 5, points: [{ code: '1.1', name: '职业守则', weight: 5 }] },
    {
      code: '2',
      name: '基础知识',
      weight: 25,
      points: [
        { code: '2.1', name: '电工基础', weight: 10 },
        { code: '2.2', name: '安全用电', weight: 15 },
      ],
    },
    { code: '3', name: '电气线路安装', weight: 30, points: [] },
    {
      code: '4',
      name: '电气控制',
      weight: 40,
      points: [
        { code: '4.1', name: '继电控制', weight: 20 },
        { code: '4.2', name: 'PLC 控制', weight: 20 },
      ],
    },
  ],
  skills: [
    { code: 'A', name: '线路安装与调试', weight: 60, points: [] },
    { code: 'B', name: '故障检修', weight: 40, points: [] },
  ],
};

/** Knowledge nodes of that blueprint and each one's share of generated items. */
const NODES: { code: string; share: number }[] = [
  { code: '1.1', share: 0.08 },
  { code: '2.1', share: 0.12 },
  { code: '2.2', share: 0.16 },
  { code: '3', share: 0.24 },
  { code: '4.1', share: 0.2 },
  { code: '4.2', share: 0.2 },
];

const WORDS = [
  '断路器',
  '接触器',
  '热继电器',
  '熔断器',
  '变压器',
  '电动机',
  '电缆',
  '导线',
  '接地线',
  '漏电保护器',
  '万用表',
  '兆欧表',
  '钳形电流表',
  '电压互感器',
  '电流互感器',
  '按钮',
  '行程开关',
  '时间继电器',
  '中间继电器',
  '指示灯',
  '配电箱',
  '插座',
  '照明回路',
  '星三角启动',
  '正反转控制',
  '自锁电路',
  '互锁电路',
  '梯形图',
  '输入继电器',
  '输出继电器',
  '定时器',
  '计数器',
  '绝缘电阻',
  '接地电阻',
  '线槽',
  '端子排',
  '压线钳',
  '剥线钳',
  '验电笔',
  '安全距离',
  '停电作业',
  '挂牌上锁',
  '触电急救',
  '电气火灾',
  '短路保护',
  '过载保护',
  '欠压保护',
  '功率因数',
  '三相负载',
  '相序',
];
const FRAMES = [
  (a: string, b: string, c: string) => `${a}与${b}配合使用时，对${c}的正确要求是（　）。`,
  (a: string, b: string, c: string) => `检修${a}前，除断开${b}外，还应对${c}采取的措施是（　）。`,
  (a: string, b: string, c: string) => `在${a}回路中，${b}的作用主要是保护${c}（　）。`,
  (a: string, b: string, c: string) => `选用${a}时，应根据${b}和${c}的参数确定（　）。`,
];

/** Deterministic pseudo-random source for generated banks (tests and the benchmark need the same bank each run). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

export interface GeneratedRow {
  occupation: string;
  level: string;
  type: '单选' | '多选' | '判断';
  point: string;
  difficulty: number;
  points: number;
  stem: string;
  options: string[];
  answer: string;
  analysis: string;
  reviewer: string;
}

/**
 * `n` distinct theory items for the 电工 四级 blueprint: 60% 单选, 25% 判断, 15% 多选, spread over the knowledge
 * nodes by weight; stems are built from distinct word triples so no two are near-duplicates.
 */
export function generateBankRows(n: number, seed = 1, reviewer = '教研室'): GeneratedRow[] {
  const next = lcg(seed);
  const used = new Set<string>();
  const rows: GeneratedRow[] = [];
  let nodeIndex = 0;
  let nodeLeft = Math.round(NODES[0]!.share * n);
  for (let i = 0; i < n; i++) {
    while (nodeLeft <= 0 && nodeIndex < NODES.length - 1) {
      nodeIndex++;
      nodeLeft = Math.round(NODES[nodeIndex]!.share * n);
    }
    nodeLeft--;
    let a: string, b: string, c: string, key: string;
    do {
      a = WORDS[next(WORDS.length)]!;
      b = WORDS[next(WORDS.length)]!;
      c = WORDS[next(WORDS.length)]!;
      key = [a, b, c].sort().join('|');
    } while (a === b || b === c || a === c || used.has(key));
    used.add(key);
    const stem = FRAMES[next(FRAMES.length)]!(a, b, c);
    const kind = i % 20 < 12 ? '单选' : i % 20 < 17 ? '判断' : '多选';
    const base = {
      occupation: '6-31-01-03 电工',
      level: '四级',
      point: NODES[nodeIndex]!.code,
      difficulty: next(5) + 1,
      analysis: `依据${a}的技术要求。`,
      reviewer,
    };
    if (kind === '判断')
      rows.push({ ...base, type: kind, points: 1, stem: stem.replace('（　）。', '，应符合规程。'), options: [], answer: next(2) ? '正确' : '错误' });
    else if (kind === '单选')
      rows.push({ ...base, type: kind, points: 1, stem, options: [`按${a}额定值`, `按${b}说明书`, `按${c}经验值`, '不作要求'], answer: 'ABCD'[next(4)]! });
    else
      rows.push({
        ...base,
        type: kind,
        points: 2,
        stem: stem.replace('的正确要求是', '的要求有'),
        options: [`核对${a}`, `检查${b}`, `测量${c}`, '随意更换', '记录结果'],
        answer: 'ACE',
      });
  }
  return rows;
}

/** Fills the downloaded template's item sheet (first sheet) with rows, column by column as the template orders them. */
export async function fillTemplate(template: Buffer | ArrayBuffer, rows: GeneratedRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 2);
    row.values = [
      '',
      r.occupation,
      r.level,
      r.type,
      r.point,
      r.difficulty,
      r.points,
      r.stem,
      ...[...r.options, '', '', '', '', '', '', '', ''].slice(0, 8),
      r.answer,
      '',
      '',
      r.analysis,
      r.reviewer,
    ];
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
