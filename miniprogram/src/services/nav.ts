import Taro from '@tarojs/taro';

export const PAGES = {
  index: '/pages/index/index',
  login: '/pages/login/index',
  bind: '/pages/bind/index',
  board: '/pages/board/index',
  countyAssign: '/county/assign/index',
  countyPolicy: '/county/policy/index',
  countyStats: '/county/stats/index',
  countyExport: '/county/export/index',
  ledgerProgress: '/ledger/progress/index',
  ledgerEntry: '/ledger/entry/index',
  ledgerEntries: '/ledger/entries/index',
  townshipReview: '/township/review/index',
  townshipProgress: '/township/progress/index',
  groupList: '/groups/list/index',
  groupChat: '/groups/chat/index',
  groupManage: '/groups/manage/index',
  groupHeld: '/groups/held/index',
  consultList: '/consult/list/index',
  consultThread: '/consult/thread/index',
  consultAsk: '/consult/ask/index',
  consultOverdue: '/consult/overdue/index',
} as const;

function withQuery(url: string, query?: Record<string, string>): string {
  if (!query) return url;
  const qs = Object.keys(query)
    .map((k) => `${k}=${encodeURIComponent(query[k] ?? '')}`)
    .join('&');
  return qs ? `${url}?${qs}` : url;
}

export function goto(page: keyof typeof PAGES, query?: Record<string, string>): void {
  void Taro.navigateTo({ url: withQuery(PAGES[page], query) });
}

export function replaceWith(page: keyof typeof PAGES, query?: Record<string, string>): void {
  void Taro.redirectTo({ url: withQuery(PAGES[page], query) });
}

/** Back to a fresh home page (after login, bind, logout). */
export function restart(): void {
  void Taro.reLaunch({ url: PAGES.index });
}
