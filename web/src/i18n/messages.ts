export const locales = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'zh-CN';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** Each language names itself, so someone who cannot read the current one still finds theirs. */
export const localeNames: Record<Locale, string> = {
  'zh-CN': '简体中文',
  'zh-TW': '繁體中文',
  en: 'English',
};

// Simplified Chinese is the source: every other language must have exactly these keys,
// which the `Messages` type below enforces at compile time.
const zhCN = {
  'app.name': '客服中心',
  'app.documentTitle': '客服中心 · Kefu',
  'app.tagline': '每一通电话、每一次会话都按本中心的服务标准来检查',

  'nav.label': '主导航',
  'nav.desk': '坐席工作台',
  'nav.quality': '质检',
  'nav.dashboard': '主管看板',
  'nav.tickets': '工单',
  'nav.customers': '客户',
  'nav.callbacks': '回访',
  'nav.reports': '报表',
  'nav.settings': '设置',
  'nav.collapse': '收起导航',
  'nav.expand': '展开导航',

  'role.agent': '坐席',
  'role.supervisor': '班组长',
  'role.qa': '质检员',
  'role.manager': '客服经理',
  'role.admin': '系统管理员',

  'header.language': '界面语言',
  'header.userMenu': '账号菜单',
  'header.signedInAs': '当前账号：{username}',
  'header.logout': '退出登录',
  'header.loggingOut': '正在退出…',

  'login.title': '登录客服中心',
  'login.subtitle': '请使用管理员为您开通的账号登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.usernameRequired': '请输入用户名',
  'login.passwordRequired': '请输入密码',
  'login.submit': '登录',
  'login.submitting': '正在登录…',
  'login.badCredentials': '用户名或密码错误',
  'login.rateLimited': '尝试次数过多，请稍后再试',
  'login.sessionExpired': '登录已过期，请重新登录',
  'login.forgotPassword': '忘记密码请联系本中心的系统管理员重置。',

  'error.network': '无法连接服务器，请检查网络后重试',
  'error.server': '服务暂时不可用，请稍后再试',
  'error.forbidden': '您没有权限执行此操作',
  'error.validation': '提交的内容有误，请检查标红的字段',

  'common.loading': '正在加载…',

  'comingSoon.title': '该模块即将上线',
  'comingSoon.willShow': '上线后，这里将提供：',

  'page.forbidden.title': '无权访问此页面',
  'page.forbidden.body': '当前账号的角色（{role}）不能使用“{module}”。如需开通，请联系系统管理员。',
  'page.backHome': '返回首页',
  'page.notFound.title': '页面不存在',
  'page.notFound.body': '您访问的地址不存在，可能已被移除或输入有误。',
  'page.loadFailed.title': '页面加载失败',
  'page.loadFailed.body': '可能是系统刚刚升级，请刷新页面后重试。',
  'page.reload': '刷新页面',

  'module.desk.summary':
    '来电弹屏与客户信息卡（VIP、客户阶段、近期联系、未结工单）、已填好客户称呼的标准话术、工单表单与三分钟话后处理计时。',
  'module.quality.summary':
    '通话和在线会话的质检评分，可按坐席、时段、违规规则和致命项筛选；逐句标出问题并给出建议话术。',
  'module.dashboard.summary':
    '今日接通率、服务水平、三声内接听率、工单三分钟内受理率、承诺兑现率等指标与目标对比，按小时和日期看趋势，实时排队情况。',
  'module.tickets.summary': '工单列表、搜索与筛选，处理历史、承诺时限、升级与重新打开。',
  'module.customers.summary': '客户档案、联系记录与满意度变化；个人信息默认脱敏，查看明文会记入审计日志。',
  'module.callbacks.summary': '待回访任务与承诺回复时限，到期前提醒，回访结果记录。',
  'module.reports.summary': '按队列、坐席、日期、小时统计的 KPI 报表与图表，可导出 CSV 和 Excel。',
  'module.settings.summary': '服务标准包、工作日历（法定节假日与调休上班日）、用户与角色。',

  'settings.standard': '服务标准',
  'settings.standard.summary': '查看和修改服务标准包，保存时逐行提示校验错误，保留版本历史并可对比差异。',
  'settings.calendars': '工作日历',
  'settings.calendars.summary': '按年查看法定节假日与调休上班日，时限计算按此日历跳过非工作日。',
  'settings.users': '用户与角色',
  'settings.users.summary': '新增用户、分配角色、重置密码、停用账号。',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;

const zhTW: Messages = {
  'app.name': '客服中心',
  'app.documentTitle': '客服中心 · Kefu',
  'app.tagline': '每一通電話、每一次對話都依本中心的服務標準檢核',

  'nav.label': '主選單',
  'nav.desk': '客服工作台',
  'nav.quality': '質檢',
  'nav.dashboard': '主管看板',
  'nav.tickets': '工單',
  'nav.customers': '客戶',
  'nav.callbacks': '回訪',
  'nav.reports': '報表',
  'nav.settings': '設定',
  'nav.collapse': '收合選單',
  'nav.expand': '展開選單',

  'role.agent': '客服人員',
  'role.supervisor': '組長',
  'role.qa': '質檢人員',
  'role.manager': '客服經理',
  'role.admin': '系統管理員',

  'header.language': '介面語言',
  'header.userMenu': '帳號選單',
  'header.signedInAs': '目前帳號：{username}',
  'header.logout': '登出',
  'header.loggingOut': '正在登出…',

  'login.title': '登入客服中心',
  'login.subtitle': '請使用管理員為您開通的帳號登入',
  'login.username': '帳號',
  'login.password': '密碼',
  'login.usernameRequired': '請輸入帳號',
  'login.passwordRequired': '請輸入密碼',
  'login.submit': '登入',
  'login.submitting': '正在登入…',
  'login.badCredentials': '帳號或密碼錯誤',
  'login.rateLimited': '嘗試次數過多，請稍後再試',
  'login.sessionExpired': '登入已逾時，請重新登入',
  'login.forgotPassword': '忘記密碼請聯絡本中心的系統管理員重設。',

  'error.network': '無法連線到伺服器，請檢查網路後再試',
  'error.server': '服務暫時無法使用，請稍後再試',
  'error.forbidden': '您沒有權限執行此操作',
  'error.validation': '送出的內容有誤，請檢查標紅的欄位',

  'common.loading': '載入中…',

  'comingSoon.title': '此功能即將上線',
  'comingSoon.willShow': '上線後，這裡將提供：',

  'page.forbidden.title': '無權存取此頁面',
  'page.forbidden.body': '目前帳號的角色（{role}）無法使用「{module}」。如需開通，請聯絡系統管理員。',
  'page.backHome': '回到首頁',
  'page.notFound.title': '找不到頁面',
  'page.notFound.body': '您要找的網址不存在，可能已被移除或輸入有誤。',
  'page.loadFailed.title': '頁面載入失敗',
  'page.loadFailed.body': '系統可能剛完成更新，請重新整理頁面後再試。',
  'page.reload': '重新整理',

  'module.desk.summary':
    '來電彈屏與客戶資料卡（VIP、客戶階段、近期聯繫、未結工單）、已帶入客戶稱呼的標準話術、工單表單與三分鐘話後處理計時。',
  'module.quality.summary':
    '通話與線上對話的質檢評分，可依客服人員、時段、違規規則與致命項篩選；逐句標示問題並提供建議話術。',
  'module.dashboard.summary':
    '今日接通率、服務水準、三聲內接聽率、工單三分鐘內受理率、承諾達成率等指標與目標對照，依小時與日期看趨勢，即時排隊狀況。',
  'module.tickets.summary': '工單列表、搜尋與篩選，處理歷程、承諾時限、升級與重新開啟。',
  'module.customers.summary': '客戶資料、聯繫紀錄與滿意度變化；個人資料預設遮罩，檢視明文會記入稽核紀錄。',
  'module.callbacks.summary': '待回訪任務與承諾回覆時限，到期前提醒，記錄回訪結果。',
  'module.reports.summary': '依話務佇列、客服人員、日期、小時統計的 KPI 報表與圖表，可匯出 CSV 與 Excel。',
  'module.settings.summary': '服務標準包、工作行事曆（國定假日與補班日）、使用者與角色。',

  'settings.standard': '服務標準',
  'settings.standard.summary': '檢視與修改服務標準包，儲存時逐行提示驗證錯誤，保留版本歷程並可比對差異。',
  'settings.calendars': '工作行事曆',
  'settings.calendars.summary': '依年份檢視國定假日與補班日，時限計算依此行事曆略過非工作日。',
  'settings.users': '使用者與角色',
  'settings.users.summary': '新增使用者、指派角色、重設密碼、停用帳號。',
};

const en: Messages = {
  'app.name': 'Service Centre',
  'app.documentTitle': 'Service Centre · Kefu',
  'app.tagline': "Every call and chat checked against your centre's own written standard",

  'nav.label': 'Main navigation',
  'nav.desk': 'Agent desk',
  'nav.quality': 'Quality review',
  'nav.dashboard': 'Supervisor dashboard',
  'nav.tickets': 'Tickets',
  'nav.customers': 'Customers',
  'nav.callbacks': 'Callbacks',
  'nav.reports': 'Reports',
  'nav.settings': 'Settings',
  'nav.collapse': 'Collapse navigation',
  'nav.expand': 'Expand navigation',

  'role.agent': 'Agent',
  'role.supervisor': 'Supervisor',
  'role.qa': 'Quality analyst',
  'role.manager': 'Manager',
  'role.admin': 'Administrator',

  'header.language': 'Language',
  'header.userMenu': 'Account menu',
  'header.signedInAs': 'Signed in as {username}',
  'header.logout': 'Sign out',
  'header.loggingOut': 'Signing out…',

  'login.title': 'Sign in to the Service Centre',
  'login.subtitle': 'Use the account your administrator set up for you',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.usernameRequired': 'Enter your username',
  'login.passwordRequired': 'Enter your password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.badCredentials': 'Wrong username or password',
  'login.rateLimited': 'Too many attempts. Please try again later',
  'login.sessionExpired': 'Your session has expired. Please sign in again',
  'login.forgotPassword': 'Forgotten your password? Ask your administrator to reset it.',

  'error.network': 'Cannot reach the server. Check your connection and try again',
  'error.server': 'The service is temporarily unavailable. Please try again later',
  'error.forbidden': 'You are not allowed to do this',
  'error.validation': 'Some fields need attention',

  'common.loading': 'Loading…',

  'comingSoon.title': 'This module is coming soon',
  'comingSoon.willShow': 'Once it is live, you will find here:',

  'page.forbidden.title': 'You cannot open this page',
  'page.forbidden.body': 'Your role ({role}) does not include "{module}". Ask your administrator if you need it.',
  'page.backHome': 'Back to home',
  'page.notFound.title': 'Page not found',
  'page.notFound.body': 'The address does not exist. It may have been removed or mistyped.',
  'page.loadFailed.title': 'The page failed to load',
  'page.loadFailed.body': 'Kefu may have just been updated. Reload the page and try again.',
  'page.reload': 'Reload',

  'module.desk.summary':
    'The live call with the customer card (VIP, lifecycle stage, recent contacts, open tickets), scripts with names filled in, the ticket form and the 3-minute wrap-up clock.',
  'module.quality.summary':
    'Scores for calls and chats, filtered by agent, period, failed rule and fatal errors; each finding marked at its quote with suggested wording.',
  'module.dashboard.summary':
    "Today's connection rate, service level, 3-ring answer rate, tickets within 3 minutes, promises kept and more against targets, with hourly and daily trends and the live queue.",
  'module.tickets.summary': 'Ticket lists with search and filters, history, promise deadlines, escalation and reopening.',
  'module.customers.summary':
    'Customer records, contact history and satisfaction trend; personal data masked by default, with audited reveal.',
  'module.callbacks.summary': 'Callback tasks and promised reply deadlines, reminders before they fall due, outcomes.',
  'module.reports.summary': 'KPI reports by queue, agent, day and hour with charts; export to CSV and Excel.',
  'module.settings.summary': 'The service standard pack, working calendars (public holidays and make-up working days), users and roles.',

  'settings.standard': 'Service standard',
  'settings.standard.summary':
    'View and edit the standard pack with validation errors shown at their line, version history and diffs.',
  'settings.calendars': 'Working calendars',
  'settings.calendars.summary':
    'A year view of public holidays and make-up working days; deadlines skip non-working days by this calendar.',
  'settings.users': 'Users and roles',
  'settings.users.summary': 'Add users, assign roles, reset passwords, disable accounts.',
};

export const messages: Record<Locale, Messages> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

export type MessageParams = Record<string, string | number>;

/** Fills `{name}` placeholders; an unknown placeholder is left visible so a missing value is noticed. */
export function formatMessage(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = messages[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
