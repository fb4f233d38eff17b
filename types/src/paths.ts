/**
 * Method and path of every route, free of zod so the mini-program can import it at runtime
 * without bundling the schemas. api.ts attaches the contracts to these.
 */
export const PATHS = {
  wechatLogin: { method: 'post', path: '/api/auth/wechat' },
  cloudLogin: { method: 'post', path: '/api/auth/cloud' },
  demoIdentities: { method: 'get', path: '/api/auth/demo-identities' },
  demoLogin: { method: 'post', path: '/api/auth/demo' },
  logout: { method: 'post', path: '/api/auth/logout' },
  me: { method: 'get', path: '/api/me' },
  updateProfile: { method: 'put', path: '/api/me' },
  bindVillage: { method: 'post', path: '/api/me/village' },
  searchVillages: { method: 'get', path: '/api/places/villages' },
  villageByInvite: { method: 'get', path: '/api/places/invite/:inviteCode' },
  placeChildren: { method: 'get', path: '/api/places/:code/children' },
  noticeBoard: { method: 'get', path: '/api/villages/:villageCode/notice-board' },
  counselContact: { method: 'post', path: '/api/villages/:villageCode/counsel/:counselId/contact' },
  villageQrCode: { method: 'get', path: '/api/villages/:villageCode/qrcode' },
  countyPolicy: { method: 'get', path: '/api/counties/:countyCode/policy' },
  updateCountyPolicy: { method: 'put', path: '/api/counties/:countyCode/policy' },
  countyCounsel: { method: 'get', path: '/api/counties/:countyCode/counsel' },
  listAssignments: { method: 'get', path: '/api/counties/:countyCode/assignments' },
  assignCounsel: { method: 'post', path: '/api/counties/:countyCode/assignments' },
  endAssignment: { method: 'post', path: '/api/counties/:countyCode/assignments/:assignmentId/end' },
  submitLedgerEntry: { method: 'post', path: '/api/ledger/entries' },
  myLedgerEntries: { method: 'get', path: '/api/ledger/entries' },
  myLedgerProgress: { method: 'get', path: '/api/ledger/progress' },
  townshipLedgerEntries: { method: 'get', path: '/api/townships/:townshipCode/ledger-entries' },
  reviewLedgerEntry: { method: 'post', path: '/api/townships/:townshipCode/ledger-entries/:entryId/review' },
  runReminders: { method: 'post', path: '/api/internal/reminders/run' },
  townshipCompliance: { method: 'get', path: '/api/townships/:townshipCode/compliance' },
  countyCompliance: { method: 'get', path: '/api/counties/:countyCode/compliance' },
  provinceCompliance: { method: 'get', path: '/api/provinces/:provinceCode/compliance' },
  ledgerExport: { method: 'get', path: '/api/counties/:countyCode/ledger-export' },
  lockLedgerMonth: { method: 'post', path: '/api/townships/:townshipCode/ledger-months/:month/lock' },
  myGroups: { method: 'get', path: '/api/groups' },
  groupMessages: { method: 'get', path: '/api/groups/:groupCode/messages' },
  postGroupMessage: { method: 'post', path: '/api/groups/:groupCode/messages' },
  removeGroupMessage: { method: 'post', path: '/api/groups/:groupCode/messages/:seq/remove' },
  takeMessagePrivate: { method: 'post', path: '/api/groups/:groupCode/messages/:seq/take-private' },
  groupMembers: { method: 'get', path: '/api/groups/:groupCode/members' },
  decideJoinRequest: { method: 'post', path: '/api/groups/:groupCode/members/:userId/decide' },
  moderateMember: { method: 'post', path: '/api/groups/:groupCode/members/:userId/moderate' },
  groupActions: { method: 'get', path: '/api/groups/:groupCode/actions' },
  joinGroup: { method: 'post', path: '/api/groups/:groupCode/join' },
  heldPosts: { method: 'get', path: '/api/places/:code/held-posts' },
  decideHeldPost: { method: 'post', path: '/api/places/:code/held-posts/:heldId/decide' },
  askConsultation: { method: 'post', path: '/api/consultations' },
  uploadConsultationPhoto: { method: 'post', path: '/api/consultations/photos' },
  consultationPhoto: { method: 'get', path: '/api/consultations/:consultationId/photos/:photoId' },
  myConsultations: { method: 'get', path: '/api/consultations/mine' },
  consultationInbox: { method: 'get', path: '/api/consultations/inbox' },
  consultation: { method: 'get', path: '/api/consultations/:consultationId' },
  answerConsultation: { method: 'post', path: '/api/consultations/:consultationId/answer' },
  followUpConsultation: { method: 'post', path: '/api/consultations/:consultationId/follow-up' },
  escalateConsultation: { method: 'post', path: '/api/consultations/:consultationId/escalate' },
  closeConsultation: { method: 'post', path: '/api/consultations/:consultationId/close' },
  rateConsultation: { method: 'post', path: '/api/consultations/:consultationId/rating' },
  consultationStats: { method: 'get', path: '/api/counties/:countyCode/consultation-stats' },
  overdueConsultations: { method: 'get', path: '/api/townships/:townshipCode/overdue-consultations' },
} as const;

export type PathRouteId = keyof typeof PATHS;

/** Fills `:name` segments of a path; values are URI-encoded. */
export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
