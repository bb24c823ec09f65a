import { type ItemType, OPTION_KEYS } from '@skillcert/shared/api/banks';
import type { Locale } from '../../context.ts';
import { zhIssueMessage } from '../../lib/zod-zh.ts';

// What the question-bank imports tell the user (Excel row errors and cell comments, item content checks, QTI
// import errors, the item editor's issues), zh-CN first. Every id has both languages with the same {params}.

const MESSAGES = {
  // --- Item content against its type and blueprint (items.rules) -----------------------------------------
  'rules.noKnowledgeArea': { 'zh-CN': '细目表中没有知识领域“{area}”', 'en-US': 'no knowledge area "{area}" in the blueprint' },
  'rules.noSkillArea': { 'zh-CN': '细目表中没有技能领域“{area}”', 'en-US': 'no skill area "{area}" in the blueprint' },
  'rules.pointRequired': { 'zh-CN': '领域“{area}”下设知识点，请填写其中一个（{points}）', 'en-US': 'area "{area}" has points; name one ({points})' },
  'rules.noPointInArea': { 'zh-CN': '领域“{area}”中没有知识点“{point}”', 'en-US': 'no point "{point}" in area "{area}"' },
  'rules.areaHasNoPoints': { 'zh-CN': '领域“{area}”没有下级知识点，请只填领域编码', 'en-US': 'area "{area}" has no points' },
  'rules.singleTooFewOptions': { 'zh-CN': '单选题至少需要 {min} 个选项', 'en-US': 'single choice needs at least {min} options' },
  'rules.multipleTooFewOptions': { 'zh-CN': '多选题至少需要 {min} 个选项', 'en-US': 'multiple choice needs at least {min} options' },
  'rules.optionGaps': { 'zh-CN': '选项须从 A 起依次填写（A、B、C……），中间不能空缺', 'en-US': 'options must be A, B, C … without gaps' },
  'rules.answerUnknown': { 'zh-CN': '答案中的选项 {keys} 不存在', 'en-US': 'answer names no option: {keys}' },
  'rules.singleOneAnswer': { 'zh-CN': '单选题只能有一个正确答案', 'en-US': 'single choice has exactly one correct option' },
  'rules.multipleTwoAnswers': { 'zh-CN': '多选题至少要有两个正确答案', 'en-US': 'multiple choice has at least two correct options' },
  'rules.noOptions': { 'zh-CN': '{type}没有选项，请清空选项', 'en-US': '{type} items have no options' },
  'rules.judgeAnswer': { 'zh-CN': '判断题的答案只能是“正确”或“错误”', 'en-US': 'true/false answer must be true or false' },
  'rules.noAnswerKey': {
    'zh-CN': '{type}按参考答案和评分细则评分，答案栏请留空',
    'en-US': '{type} items are marked on the reference answer and rubric, not an answer key',
  },
  'rules.referenceRequired': { 'zh-CN': '简答题必须填写参考答案', 'en-US': 'a subjective item needs a reference answer' },
  'rules.rubricRequired': { 'zh-CN': '实操题必须填写评分细则', 'en-US': 'a practical task needs a rubric (评分细则)' },
  'rules.rubricNotAllowed': { 'zh-CN': '只有简答题和实操题可以填写评分细则', 'en-US': 'only subjective items and practical tasks carry a rubric' },
  'rules.rubricTotal': {
    'zh-CN': '评分细则各项分值合计 {total} 分，与本题分值 {points} 分不一致',
    'en-US': 'rubric criteria add up to {total}, the item is worth {points}',
  },

  // --- The Excel workbook (items.excel) -----------------------------------------------------------------
  'excel.notXlsx': {
    'zh-CN': '不是 .xlsx 格式的 Excel 工作簿（请另存为“Excel 工作簿 (*.xlsx)”后再导入）',
    'en-US': 'not an .xlsx workbook (save the file as Excel Workbook .xlsx)',
  },
  'excel.noSheet': { 'zh-CN': '工作簿中没有工作表', 'en-US': 'the workbook has no sheet' },
  'excel.notTemplate': {
    'zh-CN': '不是题库导入模板：{column} 列的表头为“{found}”，应为“{expected}”（请重新下载模板）',
    'en-US': 'not the question-bank template: column {column} header is "{found}", expected "{expected}" (download the template again)',
  },
  'excel.tooManyRows': {
    'zh-CN': '数据超过 {max} 行，请拆分文件（每次最多导入 {max} 道题）',
    'en-US': 'more than {max} data rows; split the file (at most {max} items per import)',
  },
  'excel.merged': { 'zh-CN': '不接受合并单元格（{range}），请取消合并', 'en-US': 'merged cells are not accepted ({range})' },
  'excel.formula': { 'zh-CN': '不接受公式，请粘贴为数值（选择性粘贴 → 数值）', 'en-US': 'formulas are not accepted; paste values (选择性粘贴 → 数值)' },
  'excel.required': { 'zh-CN': '必填', 'en-US': 'required' },
  'excel.badId': { 'zh-CN': '“{id}”不是有效的题目ID；新题请留空', 'en-US': '"{id}" is not an item ID (a uuid); leave it blank for a new item' },
  'excel.sameId': { 'zh-CN': '与第 {first} 行的题目ID相同', 'en-US': 'same ID as row {first}' },
  'excel.unknownOccupation': { 'zh-CN': '职业“{occupation}”不存在，请从下拉列表中选择', 'en-US': 'unknown occupation "{occupation}"; pick one from the list' },
  'excel.badLevel': { 'zh-CN': '等级“{level}”无效，应为 五级/四级/三级/二级/一级 或 5…1', 'en-US': 'level "{level}" is not 五级/四级/三级/二级/一级 or 5…1' },
  'excel.noBlueprintAtLevel': {
    'zh-CN': '本校没有 {occupation} {level}的鉴定要素细目表；该职业已有细目表的等级：{levels}',
    'en-US': 'no blueprint (细目表) for {occupation} at {level}; the school has blueprints for {levels}',
  },
  'excel.noBlueprintForOccupation': {
    'zh-CN': '本校没有 {occupation} {level}的鉴定要素细目表；该职业还没有任何细目表',
    'en-US': 'no blueprint (细目表) for {occupation} at {level}; the school has none for this occupation',
  },
  'excel.badType': { 'zh-CN': '题型“{type}”无效，应为 单选/多选/判断/简答/实操', 'en-US': 'type "{type}" is not 单选/多选/判断/简答/实操' },
  'excel.pointOnSkills': {
    'zh-CN': '“{point}”是技能要求比重表中的技能点，只有实操题可以使用',
    'en-US': 'point "{point}" is on the skills table (技能要求比重表); only 实操 tasks go there',
  },
  'excel.pointOnTheory': {
    'zh-CN': '“{point}”是理论知识比重表中的知识点，实操题须填写技能要求比重表中的技能点',
    'en-US': 'point "{point}" is on the theory table (理论知识比重表); 实操 tasks need a skill point',
  },
  'excel.noKnowledgePoint': { 'zh-CN': '{blueprint} 的细目表中没有知识点“{point}”', 'en-US': 'no knowledge point "{point}" in the blueprint for {blueprint}' },
  'excel.noPoint': {
    'zh-CN': '{blueprint} 的细目表中没有知识点或技能点“{point}”',
    'en-US': 'no knowledge or skill point "{point}" in the blueprints for {blueprint}',
  },
  'excel.noSkillPoint': { 'zh-CN': '{blueprint} 的细目表中没有技能点“{point}”', 'en-US': 'no skill point "{point}" in the blueprint for {blueprint}' },
  'excel.badDifficulty': {
    'zh-CN': '难度“{difficulty}”无效，应为 1–5 或 易/较易/中等/较难/难',
    'en-US': 'difficulty "{difficulty}" is not 1–5 or 易/较易/中等/较难/难',
  },
  'excel.badPoints': { 'zh-CN': '分值“{points}”不是数字', 'en-US': 'points "{points}" is not a number' },
  'excel.optionGap': {
    'zh-CN': '选项{blank}为空，但选项{filled}已填写；选项须依次填写，中间不能空缺',
    'en-US': 'option {blank} is blank but option {filled} is filled; fill options without gaps',
  },
  'excel.badJudgeAnswer': {
    'zh-CN': '判断题答案“{answer}”无效，应为 正确/错误（对/错、√/×、T/F）',
    'en-US': 'true/false answer "{answer}" is not 正确/错误 (对/错, √/×, T/F, true/false)',
  },
  'excel.badChoiceAnswer': { 'zh-CN': '答案“{answer}”应为选项字母，如 B 或 ACD', 'en-US': 'answer "{answer}" must be option letters, e.g. B or ACD' },
  'excel.badRubricLine': {
    'zh-CN': '第 {line} 行“{text}”格式不正确，应为“内容|分值”、“否决：…”或“时长：90”',
    'en-US': 'line {line} "{text}": expected "criterion|points" (内容|分值), "否决：…" or "时长：90"',
  },
  'excel.duplicateRow': {
    'zh-CN': '第 {row} 行与第 {first} 行重复（题型和题干相同，已忽略空格和标点）',
    'en-US': 'row {row} duplicates row {first} (same type and stem, ignoring spaces and punctuation)',
  },
  'excel.moreErrors': {
    'zh-CN': '另有 {count} 处错误未列出，请先修改以上错误后重新导入',
    'en-US': '{count} more errors not listed; fix these and import again',
  },
  'excel.oneMoreError': {
    'zh-CN': '另有 {count} 处错误未列出，请先修改以上错误后重新导入',
    'en-US': '{count} more error not listed; fix these and import again',
  },
  'excel.noItemRows': { 'zh-CN': '工作簿中没有试题行', 'en-US': 'the workbook has no item rows' },

  // --- Storing items into the bank (items.service) -------------------------------------------------------
  'store.duplicateOfRow': { 'zh-CN': '与第 {first} 行重复', 'en-US': 'duplicate of row {first}' },
  'store.duplicateOfFile': { 'zh-CN': '与 {first} 重复', 'en-US': 'duplicate of {first}' },
  'store.unknownItem': { 'zh-CN': '本校题库的该细目表中没有题目ID为 {id} 的试题', 'en-US': 'no item {id} in this blueprint of your bank' },
  'store.typeFixed': { 'zh-CN': '已有试题不能改变题型', 'en-US': 'an item keeps its type' },
  'store.sameStemAs': { 'zh-CN': '题干与试题 {id} 相同', 'en-US': 'same stem as item {id}' },
  'store.duplicateOfExisting': {
    'zh-CN': '与题库中已有的试题 {id} 重复（如要修改该题，请在本行填写它的题目ID）',
    'en-US': 'duplicate of existing item {id} (put its ID in the row to edit it)',
  },
  'item.blueprintFixed': { 'zh-CN': '试题不能移到其他细目表，请新建试题', 'en-US': 'an item stays in its blueprint; write a new item instead' },
  'item.typeFixed': { 'zh-CN': '试题不能改变题型，请新建试题', 'en-US': 'an item keeps its type; write a new item instead' },
  /** A zod issue of the item's shape, after the field it concerns. */
  'item.fieldIssue': { 'zh-CN': '{field}：{issue}', 'en-US': '{field}: {issue}' },

  // --- QTI packages (qti.import, qti.service) ------------------------------------------------------------
  'qti.uploadedFile': { 'zh-CN': '（上传的文件）', 'en-US': '(uploaded file)' },
  'qti.unreadable': { 'zh-CN': '无法读取导入包：{detail}', 'en-US': 'could not read the package: {detail}' },
  'qti.notQti': { 'zh-CN': '不是 zip 压缩包或 QTI XML 文件', 'en-US': 'not a zip or QTI XML' },
  'qti.notQtiRoot': { 'zh-CN': '不是 zip 压缩包或 QTI XML 文件（根元素为 <{root}>）', 'en-US': 'not a zip or QTI XML (root element <{root}>)' },
  'qti.encoding': { 'zh-CN': '不支持的 XML 编码：{encoding}', 'en-US': 'unsupported XML encoding {encoding}' },
  'qti.xml': { 'zh-CN': 'XML 文件无法解析（{detail}）', 'en-US': '{detail}' },
  'qti.badZip': { 'zh-CN': '压缩包已损坏或无法读取（{detail}）', 'en-US': 'not a readable zip ({detail})' },
  'qti.loneManifest': {
    'zh-CN': '单独的清单文件中没有试题，请上传完整的内容包（zip）',
    'en-US': 'a lone manifest has no items; upload the whole content package (zip)',
  },
  'qti.loneTest': {
    'zh-CN': '单独的试卷文件中没有试题，请上传完整的内容包（zip）',
    'en-US': 'a lone test has no items; upload the whole content package (zip)',
  },
  'qti.noManifest': { 'zh-CN': '压缩包中没有 imsmanifest.xml', 'en-US': 'zip has no imsmanifest.xml' },
  'qti.notManifest': { 'zh-CN': '不是 IMS 清单文件（根元素为 <{root}>）', 'en-US': 'not an IMS manifest (root element <{root}>)' },
  'qti.resourceNoFile': { 'zh-CN': '资源 {resource} 没有指明文件', 'en-US': 'resource {resource} names no file' },
  'qti.missingFile': { 'zh-CN': '清单引用的文件不在包中', 'en-US': 'manifest references a missing file' },
  'qti.duplicateItem': { 'zh-CN': '试题标识符 {identifier} 重复', 'en-US': 'duplicate item identifier {identifier}' },
  'qti.legacy': { 'zh-CN': '不支持 QTI 1.x 格式的资源', 'en-US': 'QTI 1.x resources are not supported' },
  'qti.manifestEmpty': { 'zh-CN': '清单中没有列出任何 QTI 试题', 'en-US': 'manifest lists no QTI items' },
  'qti.moreTests': { 'zh-CN': '包中有多份试卷，只读取了第一份', 'en-US': 'package has more than one test; only the first was read' },
  'qti.notItem': { 'zh-CN': '不是 QTI 试题（根元素为 <{root}>）', 'en-US': 'not a QTI assessment item (root element <{root}>)' },
  'qti.noIdentifier': { 'zh-CN': '试题没有标识符（identifier）', 'en-US': 'item has no identifier' },
  'qti.noBody': { 'zh-CN': '试题没有题目内容（itemBody）', 'en-US': 'item has no item body' },
  'qti.noInteraction': { 'zh-CN': '试题没有作答交互（interaction）', 'en-US': 'item has no interaction' },
  'qti.manyInteractions': {
    'zh-CN': '试题含有多个作答交互，只支持只有一个作答交互的试题',
    'en-US': 'item has more than one interaction; only single-interaction items are supported',
  },
  'qti.unsupportedInteraction': {
    'zh-CN': '不支持的作答交互：{interaction}；支持的是 choiceInteraction（单选、多选、判断）和 extendedTextInteraction（简答、实操）',
    'en-US':
      'unsupported interaction: {interaction}; supported are choiceInteraction (single, multiple, true/false) and extendedTextInteraction (short answer, practical)',
  },
  'qti.media': {
    'zh-CN': '试题含有图片、公式或媒体 {element}，本平台的试题只能保存文字，导入会丢失它；未导入，请改写为文字后再导入',
    'en-US':
      'the item shows an image, formula or media {element}; skillcert items hold text only and would lose it, so the item was refused — put it into words and import again',
  },
  'qti.partialCredit': {
    'zh-CN': '试题按映射（mapResponse）给部分分或扣分（{detail}）；本平台的客观题只有答对得分，导入后将变为答对得 {points} 分、否则 0 分，故未导入',
    'en-US':
      'the item gives partial credit or takes points off by mapResponse ({detail}); skillcert scores choice items all or nothing, so it would become {points} points for the correct answer and 0 otherwise — refused',
  },
  'qti.noReferenceAnswer': {
    'zh-CN': '简答题缺少参考答案：请在试题中加入 <qti-rubric-block view="scorer">（评分用的 rubric block 即视为参考答案）',
    'en-US': 'the short-answer item has no reference answer: add a <qti-rubric-block view="scorer"> (a scorer rubric block counts as the reference answer)',
  },
  'qti.noMaxScore': {
    'zh-CN': '评分题没有声明满分（MAXSCORE 的默认值或 SCORE 的 normal-maximum），分值不明；导入会把它当作 1 分，故未导入',
    'en-US':
      'the scorer-marked item declares no maximum score (MAXSCORE default value, or normal-maximum on SCORE), so its points are unknown and the import would make it 1 point — refused',
  },
  'qti.noStem': { 'zh-CN': '试题没有题干文字', 'en-US': 'item has no stem text' },
  'qti.noChoices': { 'zh-CN': '试题没有选项', 'en-US': 'item has no choices' },
  'qti.choiceNoId': { 'zh-CN': '有选项没有标识符（identifier）', 'en-US': 'a choice has no identifier' },
  'qti.choiceIdsRepeat': { 'zh-CN': '选项标识符有重复', 'en-US': 'choice identifiers are not unique' },
  'qti.noCorrect': { 'zh-CN': '试题没有标准答案（correctResponse）', 'en-US': 'item has no correct response' },
  'qti.correctUnknown': { 'zh-CN': '标准答案中的选项 {value} 不存在', 'en-US': 'correct response names no choice ({value})' },
  'qti.typeNotChoice': { 'zh-CN': '元数据中的题型 {type} 与选择题交互不符', 'en-US': 'metadata type {type} does not fit a choice interaction' },
  'qti.typeNotText': { 'zh-CN': '元数据中的题型 {type} 与文字作答交互不符', 'en-US': 'metadata type {type} does not fit an extended-text interaction' },
  'qti.singleOneCorrect': { 'zh-CN': '单选题只能有一个标准答案', 'en-US': 'a single item needs exactly one correct response' },
  'qti.judgeOneCorrect': { 'zh-CN': '判断题只能有一个标准答案', 'en-US': 'a judge item needs exactly one correct response' },
  'qti.judgeChoices': { 'zh-CN': '判断题须有分别表示“正确”和“错误”的两个选项', 'en-US': 'a judge item needs two choices meaning true and false' },
  'qti.tooManyChoices': { 'zh-CN': '试题有 {count} 个选项，最多支持 {max} 个', 'en-US': 'item has {count} choices; at most {max} are supported' },
  'qti.criterionNoPoints': { 'zh-CN': '评分细则中有评分项没有分值（data-points）', 'en-US': 'rubric criterion has no points (data-points)' },
  'qti.maxScore': { 'zh-CN': '满分（MAXSCORE）不是正数', 'en-US': 'MAXSCORE is not a positive number' },
  'qti.notTest': { 'zh-CN': '不是 QTI 试卷（根元素为 <{root}>）', 'en-US': 'not a QTI assessment test (root element <{root}>)' },
  'qti.testNoIdentifier': { 'zh-CN': '试卷没有标识符（identifier）', 'en-US': 'test has no identifier' },
  'qti.testItemUnreadable': {
    'zh-CN': '试卷引用的试题 {href} 未导入（原因见该文件的错误）',
    'en-US': 'test refers to {href}, an item that was refused (see that file’s error)',
  },
  'qti.testItemMissing': { 'zh-CN': '试卷引用的 {href} 不在包中', 'en-US': 'test refers to {href}, which is not in the package' },
  'qti.testItemTwice': { 'zh-CN': '试卷中试题 {identifier} 出现了两次', 'en-US': 'test lists item {identifier} twice' },
  'qti.noItems': { 'zh-CN': '导入包中没有试题', 'en-US': 'the package holds no items' },
  'qti.noBlueprint': { 'zh-CN': '本校题库中没有 {occupation} {level}级的鉴定要素细目表', 'en-US': 'no blueprint for {occupation} level {level} in your bank' },
  'qti.noMeta': { 'zh-CN': '试题没有注明职业和等级，请选择要导入的细目表', 'en-US': 'the item carries no occupation and level; choose a target blueprint' },
  'qti.badWeight': {
    'zh-CN': '试卷中试题 {item} 的分值 {points} 无效（须大于 0 且不超过 100）',
    'en-US': 'the paper gives item {item} {points} points; it must be more than 0 and at most 100',
  },
  'qti.noArea': {
    'zh-CN': '试题没有注明所属的知识领域或知识点；请在导入时选择细目表和知识点',
    'en-US': 'the item names no knowledge area or point of the blueprint; choose a blueprint and point for the import',
  },

  // --- A paper's scores sheet (papers.excel) --------------------------------------------------------------
  'scores.notTemplate': {
    'zh-CN': '不是本系统的成绩模板：缺少隐藏的题目标识行（请在试卷页面重新下载成绩模板）',
    'en-US': 'not a scores template: the hidden row of item ids is missing (download the scores template from the paper page again)',
  },
  'scores.otherPaper': {
    'zh-CN': '这是另一份试卷的成绩表（试卷ID {paper}），请在本试卷页面下载成绩模板',
    'en-US': 'this scores sheet is for another paper (paper {paper}); download the template from this paper’s page',
  },
  'scores.unknownItem': {
    'zh-CN': '此列的题目不在本试卷中（题目ID {id}），请重新下载模板',
    'en-US': 'this column’s item is not on this paper (item {id}); download the template again',
  },
  'scores.itemTwice': {
    'zh-CN': '第 {number} 题在 {first} 列和 {column} 列各出现一次，请删除多余的列',
    'en-US': 'item {number} appears in columns {first} and {column}; remove one of them',
  },
  'scores.missingItem': {
    'zh-CN': '缺少第 {number} 题的成绩列，请不要删除题目列（重新下载模板）',
    'en-US': 'the column of item {number} is missing; keep every item column (download the template again)',
  },
  'scores.candidateRequired': { 'zh-CN': '请填写考生（准考证号或姓名）', 'en-US': 'the candidate is required (exam number or name)' },
  'scores.candidateTooLong': { 'zh-CN': '考生标识最多 {max} 个字符', 'en-US': 'a candidate key has at most {max} characters' },
  'scores.duplicateCandidate': { 'zh-CN': '考生“{candidate}”与第 {first} 行重复', 'en-US': 'candidate "{candidate}" already appears in row {first}' },
  'scores.notNumber': { 'zh-CN': '成绩“{value}”不是数字', 'en-US': 'score "{value}" is not a number' },
  'scores.negative': { 'zh-CN': '成绩不能为负数（{value}）', 'en-US': 'a score cannot be negative ({value})' },
  'scores.aboveMax': { 'zh-CN': '成绩 {value} 分超过本题满分 {max} 分', 'en-US': 'score {value} is above the item’s {max} points' },
  'scores.noRows': { 'zh-CN': '成绩表中没有考生行', 'en-US': 'the sheet has no candidate rows' },
  'scores.tooManyRows': { 'zh-CN': '考生超过 {max} 人，请拆分文件分批导入', 'en-US': 'more than {max} candidates; split the file' },
} as const satisfies Record<string, Record<Locale, string>>;

export type BankMessageId = keyof typeof MESSAGES;

/** The `{name}`s in a template. */
type ParamNames<T extends string> = T extends `${string}{${infer Name}}${infer Rest}` ? Name | ParamNames<Rest> : never;
type ParamsOf<Id extends BankMessageId> = [ParamNames<(typeof MESSAGES)[Id]['en-US']>] extends [never]
  ? []
  : [params: Record<ParamNames<(typeof MESSAGES)[Id]['en-US']>, string | number>];

/** A message of the question-bank imports in the locale, its {params} filled in (the compiler checks they are all given). */
export function bankMessage<Id extends BankMessageId>(locale: Locale, id: Id, ...params: ParamsOf<Id>): string {
  const values: Record<string, string | number> = params[0] ?? {};
  return (MESSAGES[id][locale] as string).replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}

/** A list inside a message: 四级、三级 / 四级, 三级. */
export const joinList = (locale: Locale, values: readonly (string | number)[]): string => values.join(locale === 'zh-CN' ? '、' : ', ');

const TYPE_NAMES: Record<ItemType, string> = { single: '单选题', multiple: '多选题', judge: '判断题', subjective: '简答题', practical: '实操题' };
/** An item type inside a message: 判断题 / judge. */
export const itemTypeName = (locale: Locale, type: ItemType): string => (locale === 'zh-CN' ? TYPE_NAMES[type] : type);

const FIELD_NAMES: Record<string, string> = {
  id: '题目ID',
  blueprintId: '细目表',
  areaCode: '知识领域',
  pointCode: '知识点',
  type: '题型',
  stem: '题干',
  options: '选项',
  answer: '答案',
  referenceAnswer: '参考答案',
  points: '分值',
  difficulty: '难度',
  analysis: '解析',
  rubric: '评分细则',
};
/** The field an ItemBody issue concerns: 选项B / options.1.text. */
export function itemFieldName(locale: Locale, path: readonly PropertyKey[]): string {
  if (locale === 'en-US') return path.map(String).join('.');
  const [head, index] = path;
  if (head === 'options' && typeof index === 'number' && index < OPTION_KEYS.length) return `选项${OPTION_KEYS[index]}`;
  return FIELD_NAMES[String(head)] ?? path.map(String).join('.');
}

const ZOD_ZH_CN = zhIssueMessage;
/** safeParse options that word zod's issues in the locale: zod's own zh-CN texts, or its default English. */
export const zodIssueLocale = (locale: Locale) => (locale === 'zh-CN' ? { error: ZOD_ZH_CN } : undefined);

/** For the catalog test: every id with its templates. */
export const bankMessagesForTest: Readonly<Record<string, Record<Locale, string>>> = MESSAGES;
