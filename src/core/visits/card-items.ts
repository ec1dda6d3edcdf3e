/**
 * What a supervisor scores on an observation card: what software cannot see (KF-1). Each item is
 * scored 0 (not done), 1 (partly) or 2 (as the standard says).
 */
export const cardItems = [
  { id: 'VS-GREET', label: '起身、微笑、目光交流、主动问候' },
  { id: 'VS-ACK', label: '接待中来客：微笑点头示意，不冷落' },
  { id: 'VS-BUSY1', label: '忙碌时请来客稍坐，紧急时安排同事接待' },
  { id: 'VS-BUSY2', label: '通话中来客：示意就坐，3分钟内处理，留电话、听筒朝下' },
  { id: 'VS-SWITCH', label: '转而接待时致歉：耽误了您宝贵的时间' },
  { id: 'VS-OWNER', label: '业务负责人：问清来客、引见、留言转告' },
  { id: 'VS-REFER', label: '非本人职责：介绍相关同事，不说“这事不归我管”' },
  { id: 'VS-BYE', label: '送客：起身、请您慢走、提醒带好随身物品' },
  { id: 'VS-DETAIL', label: '服务细节：倾听不打断、没听清礼貌请对方重复' },
  { id: 'VS-ENV', label: '环境整洁明亮、安静、气味清新' },
  { id: 'VS-POSTURE', label: '站姿、坐姿、介绍手势、六颗牙微笑' },
  { id: 'VS-TEA', label: '茶水：七分满、双手奉上、请用茶' },
  { id: 'VS-HAND', label: '双手递接物品，文件正面朝向客户' },
  { id: 'VS-HABITS', label: '无搔头、玩饰物、看表等小动作，目光不游离' },
  { id: 'VS-PRIVACY', label: '身份证复印件当面加盖“再次复印无效”' },
  { id: 'CP-VISIT-ROOM', label: '投诉接待室独立、整洁，耐心倾听直至客户满意' },
] as const;
export type CardItemId = (typeof cardItems)[number]['id'];
export const cardItemIds = cardItems.map((i) => i.id) as readonly CardItemId[];
