/**
 * QA-TRAIN role-play scenarios as data, written from seed 001's cases (ROLEPLAYS.md S1–S6). The
 * customer's lines follow the trainee's replies by simple keywords: the first branch whose words
 * appear in the reply (either script: replies are folded to Simplified before matching) answers;
 * otherwise the turn's default line. Constants only: the shared contract imports the ids.
 */

export interface DrillBranch {
  /** Any of these words in the reply takes this branch. */
  any: string[];
  say: string;
  /** The customer ends the call after this line. */
  end?: boolean;
}

export interface DrillTurn {
  branches: DrillBranch[];
  otherwise: string;
  otherwiseEnd?: boolean;
}

export interface DrillScenario {
  id: string;
  title: string;
  /** Where it comes from in the seed. */
  source: string;
  /** What the trainee (the agent) is told before the drill. */
  brief: string;
  direction: 'inbound' | 'outbound';
  /** A customer line before the trainee's first reply (null: the trainee answers the phone first). */
  opening: string | null;
  /** After the trainee's n-th reply, turn n gives the customer's line. */
  turns: DrillTurn[];
  /** The customer's last line when the turns run out. */
  closing: string;
  /** The observation card: requirement IDs the observer rates (QA-TRAIN, STANDARD.md card items). */
  card: string[];
  /** What a good agent does here (derived from the standard's rules; the seed gives no model answer). */
  model: string;
}

const card = ['VS-DETAIL', 'PH-RATE', 'PH-SMILE', 'PH-LISTEN', 'PH-POLITE'];

export const drillScenarios: readonly DrillScenario[] = [
  {
    id: 'warehouse-clerk',
    title: '推诿的仓库管理员',
    source: '实训任务一 · 背景资料3',
    brief: '你是纸制品仓库的坐席。电话响了：城市广场印务公司的李明订了27卷纸，承诺两天内送到，至今未到，项目马上要开工。请接听并处理。',
    direction: 'inbound',
    opening: null,
    turns: [
      {
        branches: [{ any: ['您好', '你好'], say: '您好，我是城市广场印务公司的李明。我们订了27卷纸，说好两天内送到，到现在还没到，项目马上就要开工了！' }],
        otherwise: '喂？是纸制品仓库吗？我是城市广场印务公司的李明，我们订的27卷纸到现在还没到！',
      },
      {
        branches: [
          { any: ['不知道', '不是由我负责', '不归我管', '不是我负责', '不清楚'], say: '算了吧。我到别处买去。', end: true },
          { any: ['抱歉', '对不起', '不好意思', '理解'], say: '道歉有什么用，我们今天就要用纸。你能查一下到底怎么回事吗？' },
        ],
        otherwise: '你们到底什么时候能送到？我这边项目等着开工呢。',
      },
      {
        branches: [
          { any: ['订单号', '订单编号', '单号', '下单时间', '哪天订', '联系电话'], say: '订单号是8826451，上周一下的单，我的电话是13812345678。' },
          { any: ['不知道', '不归我管', '不是我负责'], say: '算了吧。我到别处买去。', end: true },
        ],
        otherwise: '你总得先问问我的订单吧？订单号是8826451。',
      },
      {
        branches: [
          { any: ['稍等', '请稍候', '一分钟', '查一下', '帮您查', '转接', '负责的同事'], say: '好的，我等您。' },
          { any: ['回电', '回复您', '给您答复', '点前'], say: '那你一定要在说好的时间前给我回话。' },
        ],
        otherwise: '那现在怎么办？',
      },
      {
        branches: [
          { any: ['今天', '明天', '上午', '下午', '点前', '小时内', '送到'], say: '好吧，那就这么办，我等你们消息。' },
        ],
        otherwise: '你就不能给我一个确切的时间吗？',
      },
    ],
    closing: '好的，谢谢，再见。',
    card,
    model: '您好＋报单位和姓名；先致歉并体谅客户的急迫（CP-APOLOGY）；记下订单号、下单时间和联系电话（PH-RECORD）；说明原因请客户稍候并告知约一分钟（HD-*）；转给负责该订单的同事（TR-*）或约定具体回电时间（FU-NEXT）。',
  },
  {
    id: 'late-callback',
    title: '迟到的回电',
    source: '实训任务一 · 背景资料1',
    brief: '你是市中区电话公司的王燕。客户张扬9:30来电，请你10:00回电说明第一张账单的费用，现在已经10:20了。请给他回电。',
    direction: 'outbound',
    opening: '喂，哪位？',
    turns: [
      {
        branches: [{ any: ['电话公司'], say: '哦，是电话公司啊。我的账单和签约时说的不一样。' }],
        otherwise: '你是哪里？找我什么事？',
      },
      {
        branches: [{ any: ['方便'], say: '我现在在开会，你下午再打给我吧。' }],
        otherwise: '我现在在开会，不太方便。',
      },
      {
        branches: [{ any: ['几点', '点钟', '下午3点', '下午三点', '具体时间'], say: '下午三点可以，到时候再说。' }],
        otherwise: '你说的“一会儿”是几点？',
      },
    ],
    closing: '好，再见。',
    card,
    model: '按约定时间回电或先致歉；“张先生您好，我是市中区电话公司的王燕”；事先查好账单；询问“您现在方便接听吗”；约定具体时间；等客户先挂机并记录回访（CB-OPEN、CB-WINDOW、CB-ABSENT、CB-HANGUP）。',
  },
  {
    id: 'forgotten-password',
    title: '忘记密码',
    source: '实训任务二 · H公司',
    brief: '你是H公司客户服务中心的坐席。客户忘记了网站密码，多次尝试失败。',
    direction: 'inbound',
    opening: null,
    turns: [
      { branches: [{ any: ['您好'], say: '你好，我的密码忘了，试了好多次都登不上。' }], otherwise: '我的密码忘了，试了好多次都登不上。' },
      { branches: [{ any: ['贵姓'], say: '我姓赵。' }], otherwise: '那怎么办？' },
      { branches: [{ any: ['提示问题', '密码问题'], say: '一年前注册的，问题早就不记得了。' }], otherwise: '我一年前注册的，很多东西都不记得了。' },
      { branches: [{ any: ['身份证', '手机验证', '短信', '人工', '其他方式'], say: '那好，用手机验证吧。' }], otherwise: '你的意思就是我就找不回密码了？', otherwiseEnd: false },
    ],
    closing: '那好吧。',
    card,
    model: '您好＋报名；用封闭式问题确认方式；给出其他找回途径（如手机或证件验证）；确认解决并规范结束。',
  },
  {
    id: 'billing-wall',
    title: '账单的“墙”',
    source: '案例2（反面）',
    brief: '你是××电信公司的坐席。客户账号12345，系统显示46元，客户自己算是68元。',
    direction: 'inbound',
    opening: '您好！是××电信公司吗？',
    turns: [
      { branches: [{ any: ['您好'], say: '我的账号是12345，你们系统说我欠46元，我自己算是68元。' }], otherwise: '……您在听吗？我的账号是12345，账单金额不对。' },
      { branches: [{ any: ['核对', '详单', '稍等', '查一下'], say: '好，我等您查。' }, { any: ['算错', '不能再查'], say: '你们总是把我的账目搞乱！', end: true }], otherwise: '那到底是多少？' },
    ],
    closing: '好的，那我等你们消息。',
    card,
    model: '规范开场；体谅并确认问题；说明原因请客户稍候核对详单，或升级并承诺时间。',
  },
  {
    id: 'internet-card',
    title: '上网卡（正面案例）',
    source: '案例3（正面）',
    brief: '你是××网络公司客户服务部的坐席。客户的上网卡无法上网。',
    direction: 'inbound',
    opening: null,
    turns: [
      { branches: [], otherwise: '你好，我的上网卡上不了网了，能帮我看看吗？' },
      { branches: [{ any: ['卡号'], say: '卡号是7890。' }], otherwise: '真烦人，我今天还有事要办。' },
      { branches: [{ any: ['首次登录', '第一次登录'], say: '2月14日。' }], otherwise: '卡号是7890。' },
    ],
    closing: '原来如此，谢谢你，再见。',
    card,
    model: '开场问候＋报名；表示愿意帮助并体谅；核实卡号和首次登录时间；说明原因并致歉；规范结束（种子示范缺少“您好”和结束语，按默认标准会被扣分）。',
  },
];

export function findScenario(id: string): DrillScenario | undefined {
  return drillScenarios.find((s) => s.id === id);
}
