/**
 * Seed catalogue of skill occupations (技能类职业) from 《中华人民共和国职业分类大典（2022年版）》 that
 * vocational schools commonly certify, plus a few provincial 专项职业能力 items (Fujian 35, Shanghai 31).
 *
 * How this was checked (every `code` below was read from source 1; nothing was copied from memory alone):
 *
 *  1. Codes and names — GitHub `Mev0000/Job_Agent`, file
 *     `data/raw_jd/2022年职业分类大典（整体修订）.csv` (commit 94a0cfa1e04f89888390f964a4eeee2b32387ed6):
 *     the full 2022 大典 table (层级, 职业编码, 职业名称, 职业描述, 主要工作任务). It also carries occupations
 *     added after 2022 (e.g. 4-04-05-13 生成式人工智能系统应用员), so it is the 2022 edition plus later 增补;
 *     the codes of the 2022 occupations are unchanged by those additions. The file's "S"/"L" suffixes
 *     (数字职业 / 绿色职业 marks) were stripped from names.
 *  2. Standards, levels and 工种 — the standard's own front matter where it could be found:
 *     - 工业机器人系统操作员 (2020): renrendoc.com/paper/357635865.html — "职业编码 6-30-99-00 … 四级/中级工、
 *       三级/高级工、二级/技师、一级/高级技师四个等级", 人社厅发〔2020〕108号.
 *     - 焊工: taowenge.com/p-69485694.html (职业编码 6-18-02-04, 五个等级, 四个工种 and their level ranges);
 *       wendang.net/zl/890612.html (GZB 6-18-02-04 焊工 2018).
 *     - 汽车维修工 (2018): cornels-photography.com/paper/358033812.html (renrendoc mirror), 人社厅发〔2018〕147号.
 *     - 互联网营销师 (2021): sd773.com/news/130081.html, m.socomic.net/guoji/2021/1203/120368690.html.
 *     - 人工智能训练师 (2021): chinastor.com/ai/163819954228378.html.
 *     - 保育师 (2021, 人社厅发〔2021〕92号 "网约配送员等18个"): axsbyw.cn/kuaijishi/dongtai/202205167815.html.
 *     - 家政服务员 (2019): m.xihu-play.com/xihuyulecheng/2692.html, axdbkk.com/html_3/zaixianxuexi/27116/list/3.html.
 *     - 钳工 and 工业机器人系统运维员 standards (2020): qqweld.com/news/show-2963.html.
 *     - 工业机器人系统操作员, 网络与信息安全管理员 (2020) and the earlier 物流服务师、供应链管理师 batch (2020):
 *       m.0t69.cn/index.php/cms/view/11204.html.
 *     - 网络与信息安全管理员（数据安全管理员）(2024, 4-04-04-02-004, 四级–一级): renrendoc.com/paper/318359156.html.
 *     - 中式烹调师 five levels: pxems.net/course-172838.html; 中式烹调师（药膳制作师）(2025): guifanku.com/896085.html.
 *     - 无人机驾驶员 (2021 standard, 5 levels, 5 职业方向, code 4-02-04-06): zzto.com.cn/news-id-5565.html,
 *       senqingzn.com/dy/article/K03PELVA0531A1T7.html.
 *     - 无人机测绘操控员 (2021, 人社厅发〔2021〕76号, 5 levels): gong123.com/kanchacehui/1445649.html,
 *       eeeaf.com/page153?article_id=1864.
 *     Where no front matter was found, the level set / edition year is the best reading and `levelsVerified`
 *     is false; the `verification` note says which part is unconfirmed.
 *
 * Edition notes (codes change between editions — store OCCUPATION_EDITION with every row):
 *  - 工业机器人系统操作员 is 6-31-07-03 in the 2022 edition (new 小类 6-31-07 工业机器人操作运维人员). Its
 *    2020 standard was written against the 2015 edition and prints 6-30-99-00 — the code DOMAIN.md §6 quotes.
 *    That older code is kept in `standard.code`, not in `code`.
 *  - Likewise 工业机器人系统运维员 6-31-01-10 → 6-31-07-01, 互联网营销师 4-01-02-07 → 4-01-06-02.
 *
 * `standard.code` is the 职业编码 printed on the standard itself (it may be a 2015-edition code); it is left
 * out when the standard's front matter was not seen.
 */

export interface OccupationSeed {
  /** 2022 edition code `大类-中类-小类-细类`. */
  code: string;
  name: string;
  nameEn: string;
  /** Levels the national standard defines: 5 = 五级/初级工 … 1 = 一级/高级技师. */
  levels: (1 | 2 | 3 | 4 | 5)[];
  /** 国家职业技能标准: the 职业编码 printed on it (if seen) and its edition year; null when none is published. */
  standard: { code?: string; year: number } | null;
  /** 工种 / 职业方向 the standard names (empty when it names none). */
  workTypes: string[];
  /** Matching 职业教育专业目录（2021年） majors; only codes that were verified. */
  majors: { code: string; name: string }[];
  levelsVerified: boolean;
  verification: string;
}

export const OCCUPATION_EDITION = '2022';

/** Source of every `code` (see header). */
const DADIAN = 'code+name: Mev0000/Job_Agent data/raw_jd/2022年职业分类大典（整体修订）.csv@94a0cfa';
const ALL: (1 | 2 | 3 | 4 | 5)[] = [5, 4, 3, 2, 1];

export const OCCUPATIONS: OccupationSeed[] = [
  // ── 6-31 生产辅助人员 / electrical ─────────────────────────────────────────────────────────────────────
  {
    code: '6-31-01-03',
    name: '电工',
    nameEn: 'Electrician',
    levels: [...ALL],
    standard: { year: 2018 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; 2018 edition per DOMAIN.md/brief; five levels is the best reading (the predecessor 维修电工 standard had five), 2018 front matter not seen`,
  },
  // ── 4-03 住宿和餐饮服务人员 ───────────────────────────────────────────────────────────────────────────
  {
    code: '4-03-02-01',
    name: '中式烹调师',
    nameEn: 'Chinese Cuisine Cook',
    levels: [...ALL],
    standard: { year: 2018 },
    workTypes: [],
    majors: [],
    levelsVerified: true,
    verification: `${DADIAN}; five levels per pxems.net standard text and the 2025 中式烹调师（药膳制作师）standard (guifanku.com/896085.html, which adds a 药膳制作师 track); 2018 edition year not seen in front matter`,
  },
  {
    code: '4-03-02-02',
    name: '中式面点师',
    nameEn: 'Chinese Pastry Cook',
    levels: [...ALL],
    standard: { year: 2018 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; standard edition year and levels are the best reading (unverified)`,
  },
  {
    code: '4-03-02-03',
    name: '西式烹调师',
    nameEn: 'Western Cuisine Cook',
    levels: [...ALL],
    standard: { year: 2018 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; standard edition year and levels are the best reading (unverified)`,
  },
  {
    code: '4-03-02-04',
    name: '西式面点师',
    nameEn: 'Western Pastry Cook (Baker)',
    levels: [...ALL],
    standard: { year: 2018 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; standard edition year and levels are the best reading (unverified)`,
  },
  {
    code: '4-03-02-07',
    name: '茶艺师',
    nameEn: 'Tea Artist',
    levels: [...ALL],
    standard: { year: 2018 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; standard edition year and levels are the best reading (unverified)`,
  },
  // ── 6-18 机械制造基础加工人员 ─────────────────────────────────────────────────────────────────────────
  {
    code: '6-18-01-01',
    name: '车工',
    nameEn: 'Lathe Operator (Turner)',
    levels: [...ALL],
    standard: { year: 2018 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; no 工种 per brief; 2018 standard named by a public quiz app ("《车工国家职业技能标准（2018年版）》", stored file id 68299247607); levels are the best reading (unverified)`,
  },
  {
    code: '6-18-01-02',
    name: '铣工',
    nameEn: 'Milling Machine Operator',
    levels: [...ALL],
    standard: { year: 2018 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; standard year and levels are the best reading (unverified)`,
  },
  {
    code: '6-18-01-04',
    name: '磨工',
    nameEn: 'Grinding Machine Operator',
    levels: [...ALL],
    standard: { year: 2018 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; standard year and levels are the best reading (unverified)`,
  },
  {
    code: '6-18-01-07',
    name: '多工序数控机床操作调整工',
    nameEn: 'Multi-process CNC Machine Tool Operator and Setter',
    levels: [...ALL],
    standard: { year: 2019 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN} (covers 加工中心/数控生产线/复合机床); standard year, levels and any 工种 are the best reading (unverified)`,
  },
  {
    code: '6-18-02-04',
    name: '焊工',
    nameEn: 'Welder',
    levels: [...ALL],
    standard: { code: '6-18-02-04', year: 2018 },
    workTypes: ['电焊工', '气焊工', '钎焊工', '焊接设备操作工'],
    majors: [],
    levelsVerified: true,
    verification: `${DADIAN}; standard text (taowenge.com/p-69485694.html, wendang.net/zl/890612.html): 五个等级; 电焊工 and 焊接设备操作工 五级–一级, 气焊工 五级–三级, 钎焊工 五级–二级`,
  },
  {
    code: '6-18-04-06',
    name: '工具钳工',
    nameEn: 'Tool Fitter',
    levels: [...ALL],
    standard: { year: 2020 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; a 钳工 standard was issued in 2020 (qqweld.com/news/show-2963.html); that it covers this occupation, and its levels, are the best reading`,
  },
  {
    code: '6-20-01-01',
    name: '装配钳工',
    nameEn: 'Assembly Fitter',
    levels: [...ALL],
    standard: { year: 2020 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; a 钳工 standard was issued in 2020 (qqweld.com/news/show-2963.html); that it covers this occupation, and its levels, are the best reading`,
  },
  {
    code: '6-31-01-02',
    name: '机修钳工',
    nameEn: 'Maintenance Fitter',
    levels: [...ALL],
    standard: { year: 2020 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; a 钳工 standard was issued in 2020 (qqweld.com/news/show-2963.html); that it covers this occupation, and its levels, are the best reading`,
  },
  // ── 6-31-07 工业机器人操作运维人员 ───────────────────────────────────────────────────────────────────
  {
    code: '6-31-07-03',
    name: '工业机器人系统操作员',
    nameEn: 'Industrial Robot System Operator',
    levels: [4, 3, 2, 1],
    standard: { code: '6-30-99-00', year: 2020 },
    workTypes: [],
    majors: [{ code: '460305', name: '工业机器人技术' }],
    levelsVerified: true,
    verification: `${DADIAN} (6-31-07-03 in 2022; DOMAIN.md's 6-30-99-00 is the 2015-edition code printed on the 2020 standard); standard: renrendoc.com/paper/357635865.html, 人社厅发〔2020〕108号, 四级–一级; major code from the brief, not independently checked`,
  },
  {
    code: '6-31-07-01',
    name: '工业机器人系统运维员',
    nameEn: 'Industrial Robot System Maintenance Technician',
    levels: [4, 3, 2, 1],
    standard: { code: '6-31-01-10', year: 2020 },
    workTypes: [],
    majors: [{ code: '460305', name: '工业机器人技术' }],
    levelsVerified: true,
    verification: `${DADIAN} (was 6-31-01-10 in 2015+2019 新职业); 2020 standard per qqweld.com/news/show-2963.html; 四级–一级 per a public repo's standards notes (find_string id 60901613964), front matter itself not seen; major code from the brief`,
  },
  // ── 6-29 建筑施工人员 (installation) ────────────────────────────────────────────────────────────────
  {
    code: '6-29-03-03',
    name: '电梯安装维修工',
    nameEn: 'Elevator Installer and Repairer',
    levels: [...ALL],
    standard: { year: 2018 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; standard year and levels are the best reading (unverified)`,
  },
  {
    code: '6-29-03-05',
    name: '制冷空调系统安装维修工',
    nameEn: 'Refrigeration and Air-conditioning System Installer and Repairer',
    levels: [...ALL],
    standard: { year: 2018 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; standard year and levels are the best reading (unverified)`,
  },
  // ── 4-12 修理及制作服务人员 ──────────────────────────────────────────────────────────────────────────
  {
    code: '4-12-01-01',
    name: '汽车维修工',
    nameEn: 'Automobile Repair Technician',
    levels: [...ALL],
    standard: { code: '4-12-01-01', year: 2018 },
    workTypes: ['汽车机械维修工', '汽车电器维修工', '汽车车身整形修复工', '汽车车身涂装修复工', '汽车美容装潢工', '汽车玻璃维修工', '汽车维修检验工'],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; 2018 edition (人社厅发〔2018〕147号) per cornels-photography.com/paper/358033812.html; five levels and the 工种 list (some 工种 stop below 一级) are the best reading, not seen in the source`,
  },
  // ── 4-10 居民服务人员 ────────────────────────────────────────────────────────────────────────────────
  {
    code: '4-10-01-05',
    name: '养老护理员',
    nameEn: 'Elderly Care Worker',
    levels: [...ALL],
    standard: { code: '4-10-01-05', year: 2019 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; 2019 edition is the best reading (hl499.com notes it preceded the 2019 家政服务员 standard); five levels not seen in a source`,
  },
  {
    code: '4-10-01-03',
    name: '保育师',
    nameEn: 'Childcare Worker',
    levels: [...ALL],
    standard: { code: '4-10-01-03', year: 2021 },
    workTypes: [],
    majors: [],
    levelsVerified: true,
    verification: `${DADIAN} (renamed from 保育员); 人社厅发〔2021〕92号, 五个等级, per axsbyw.cn/kuaijishi/dongtai/202205167815.html`,
  },
  {
    code: '4-10-01-06',
    name: '家政服务员',
    nameEn: 'Domestic Service Worker',
    levels: [5, 4, 3, 2],
    standard: { code: '4-10-01-06', year: 2019 },
    workTypes: ['家务服务员', '母婴护理员', '家庭照护员'],
    majors: [],
    levelsVerified: true,
    verification: `${DADIAN}; 2019 standard: 五级–二级 only; each 工种 五级–三级, 二级/技师 has no 工种 (m.xihu-play.com/xihuyulecheng/2692.html, axdbkk.com)`,
  },
  {
    code: '4-10-03-01',
    name: '美容师',
    nameEn: 'Beautician',
    levels: [...ALL],
    standard: { year: 2018 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; general standard year and levels are the best reading; a separate 美容师（皮肤管理师）2022 standard exists (max.book118.com/html/2024/0118/5211243042011043.shtm), so a 皮肤管理师 track may apply`,
  },
  {
    code: '4-10-03-02',
    name: '美发师',
    nameEn: 'Hairdresser',
    levels: [...ALL],
    standard: { year: 2018 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; standard year and levels are the best reading (unverified)`,
  },
  {
    code: '4-10-08-01',
    name: '网约配送员',
    nameEn: 'App-based Delivery Rider',
    levels: [...ALL],
    standard: { year: 2021 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; 2021 standard (人社厅发〔2021〕92号 "网约配送员等18个") per axsbyw.cn; levels are the best reading`,
  },
  // ── 4-01 批发与零售服务人员 (e-commerce) ─────────────────────────────────────────────────────────────
  {
    code: '4-01-06-01',
    name: '电子商务师',
    nameEn: 'E-commerce Specialist',
    levels: [4, 3, 2, 1],
    standard: { year: 2005 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; four levels (电子商务员 四级 … 高级电子商务师 一级) per the older national standard text (download.csdn.net/download/qq_58157133/36188419); its edition year (2005 revision) and whether a newer edition exists are unverified`,
  },
  {
    code: '4-01-06-02',
    name: '互联网营销师',
    nameEn: 'Internet Marketing Specialist',
    levels: [...ALL],
    standard: { code: '4-01-02-07', year: 2021 },
    workTypes: ['选品员', '直播销售员', '视频创推员', '平台管理员'],
    majors: [],
    levelsVerified: true,
    verification: `${DADIAN} (4-01-02-07 before 2022); 2021 standard: 选品员/直播销售员/视频创推员 五级–一级, 平台管理员 五级–三级 (sd773.com/news/130081.html)`,
  },
  // ── 4-02 交通运输、仓储物流和邮政业服务人员 ───────────────────────────────────────────────────────────
  {
    code: '4-02-06-03',
    name: '物流服务师',
    nameEn: 'Logistics Service Specialist',
    levels: [...ALL],
    standard: { year: 2020 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; 2020 standard per m.0t69.cn/index.php/cms/view/11204.html; levels and any 工种 are the best reading`,
  },
  {
    code: '4-02-06-05',
    name: '供应链管理师',
    nameEn: 'Supply Chain Manager',
    levels: [...ALL],
    standard: { year: 2020 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; first standard issued 2020 per m.0t69.cn/index.php/cms/view/11204.html; levels are the best reading`,
  },
  {
    code: '4-02-06-01',
    name: '仓储管理员',
    nameEn: 'Warehouse Keeper',
    levels: [...ALL],
    standard: { year: 2019 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; standard year and levels are the best reading (unverified)`,
  },
  {
    code: '4-02-07-08',
    name: '快递员',
    nameEn: 'Courier',
    levels: [...ALL],
    standard: { year: 2019 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; standard year and levels are the best reading (unverified)`,
  },
  {
    code: '4-02-07-09',
    name: '快件处理员',
    nameEn: 'Express Parcel Handler',
    levels: [...ALL],
    standard: { year: 2019 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; standard year and levels are the best reading (unverified)`,
  },
  {
    code: '4-02-04-06',
    name: '无人机驾驶员',
    nameEn: 'UAV Pilot',
    levels: [...ALL],
    standard: { year: 2021 },
    workTypes: ['植保无人机驾驶员', '安防无人机驾驶员', '航拍无人机驾驶员', '巡检无人机驾驶员', '物流无人机驾驶员'],
    majors: [],
    levelsVerified: true,
    verification: `${DADIAN} (was a 2019 新职业 under the 2015 edition); 2021 standard: five 职业方向, each 五级–一级 (zzto.com.cn/news-id-5565.html, senqingzn.com)`,
  },
  // ── 4-04 信息传输、软件和信息技术服务人员 ─────────────────────────────────────────────────────────────
  {
    code: '4-04-04-02',
    name: '网络与信息安全管理员',
    nameEn: 'Network and Information Security Administrator',
    levels: [...ALL],
    standard: { year: 2020 },
    workTypes: ['网络安全管理员', '信息安全管理员', '互联网信息审核员', '数据安全管理员'],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; 2020 standard per m.0t69.cn; 数据安全管理员 is 工种 4-04-04-02-004 with its own 2024 standard (四级–一级, renrendoc.com/paper/318359156.html); the other 工种 names and the 2020 level set are the best reading`,
  },
  {
    code: '4-04-04-06',
    name: '密码技术应用员',
    nameEn: 'Cryptography Application Technician',
    levels: [4, 3, 2, 1],
    standard: { year: 2022 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN} (matches DOMAIN.md); a 2022 standard PDF is referenced by a public repo (mgj.sh.gov.cn link, find_string id 60394472849); levels are the best reading`,
  },
  {
    code: '4-04-05-05',
    name: '人工智能训练师',
    nameEn: 'Artificial Intelligence Trainer',
    levels: [...ALL],
    standard: { code: '4-04-05-05', year: 2021 },
    workTypes: ['数据标注员', '人工智能算法测试员'],
    majors: [],
    levelsVerified: true,
    verification: `${DADIAN}; 2021 standard text: 五个等级, 工种 数据标注员、人工智能算法测试员 (chinastor.com/ai/163819954228378.html)`,
  },
  {
    code: '4-04-05-06',
    name: '区块链应用操作员',
    nameEn: 'Blockchain Application Operator',
    levels: [...ALL],
    standard: { year: 2021 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; standard year and levels are the best reading (unverified)`,
  },
  // ── 4-08 / 4-13 技术辅助、文化服务 ──────────────────────────────────────────────────────────────────
  {
    code: '4-08-03-04',
    name: '工程测量员',
    nameEn: 'Engineering Surveyor',
    levels: [...ALL],
    standard: { year: 2019 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; standard year and levels are the best reading (unverified)`,
  },
  {
    code: '4-08-03-07',
    name: '无人机测绘操控员',
    nameEn: 'UAV Surveying and Mapping Operator',
    levels: [...ALL],
    standard: { code: '4-08-03-07', year: 2021 },
    workTypes: [],
    majors: [],
    levelsVerified: true,
    verification: `${DADIAN}; 2021 standard (人社厅发〔2021〕76号), 五级–一级 (gong123.com/kanchacehui/1445649.html, eeeaf.com)`,
  },
  {
    code: '4-08-08-23',
    name: '建筑信息模型技术员',
    nameEn: 'Building Information Modeling (BIM) Technician',
    levels: [...ALL],
    standard: { year: 2021 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; standard year and levels are the best reading (unverified)`,
  },
  {
    code: '4-13-01-05',
    name: '全媒体运营师',
    nameEn: 'Omni-media Operations Specialist',
    levels: [...ALL],
    standard: { code: '4-13-01-05', year: 2023 },
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN}; standard 2023 (was read as 2021 before): "全媒体运营师国家职业标准", mohrss.gov.cn …/202312/W020231205397300830298.pdf, "职业编码 4-13-01-05，2023 年版，2023 年 10 月第 1 版" (public source registries, stored file ids 68328591492, 68668740024); levels are the best reading (unverified)`,
  },
  {
    // Added after the 2022 edition (增补); no 国家职业技能标准 was found for it, so a school must file a 评价规范 (R5).
    // Its levels are what a 评价规范 may define; the school's filed specification decides.
    code: '4-04-05-13',
    name: '生成式人工智能系统应用员',
    nameEn: 'Generative AI System Application Specialist',
    levels: [...ALL],
    standard: null,
    workTypes: [],
    majors: [],
    levelsVerified: false,
    verification: `${DADIAN} (a post-2022 增补 entry); no national standard seen — our reading`,
  },
];

export interface SpecialItemSeed {
  province: '31' | '35';
  code?: string;
  name: string;
  verified: boolean;
  verification: string;
}

/**
 * 专项职业能力 items. Neither the 福建省专项职业能力考核项目目录 nor Shanghai's current list could be found in the
 * stored sources, so this is short; items are marked verified only where a source names them as a 专项 of that
 * province. Shanghai has also retired items over time (崇明老白酒酿造 dropped 2018, 办公软件应用 and 23 other
 * 高新类 items dropped 2019 — scst.edu.cn / jxjy.gench.edu.cn notices), so these are not included.
 */
export const SPECIAL_ITEMS: SpecialItemSeed[] = [
  {
    province: '31',
    name: '母婴护理',
    verified: true,
    verification:
      'listed as "母婴护理（专项职业能力）" by a Hongkou (Shanghai) training school (public repo post, find_string id 44685533120); 2015 snapshot — current status unchecked',
  },
  {
    province: '31',
    name: '家政服务',
    verified: true,
    verification:
      'listed as "家政服务（专项职业能力）" by the same Shanghai training school (find_string id 44685533120); 2015 snapshot — current status unchecked',
  },
  {
    province: '35',
    name: 'Photoshop图形图像处理',
    verified: false,
    verification:
      "seen on a Fujian student's 专项职业能力 certificate record (public repo, find_string id 56851373667); the issuing province is not stated explicitly",
  },
  {
    province: '35',
    name: '区块链智能合约开发',
    verified: true,
    verification:
      'a public repo cites the Fujian 职业技能鉴定 site page "3-28【区块链智能合约开发】专项职业能力考核规范 - 福建省职业技能 …", fjosta.org.cn/htm/12441/227254.html (find_string id 48055102292); "3-28" is not stored as the item code (its meaning is not stated)',
  },
  {
    province: '35',
    name: '沙县小吃制作',
    verified: false,
    verification: 'best reading from memory (Sanming 沙县小吃 专项); not found in any stored source',
  },
];
