import { z } from '../zod';
import { CountyCode, ObjectId, TownshipCode, VillageCode } from '../roles';
import { limitChars } from '../text';
import { CaseKind } from '../cases/schemas';

/**
 * "To-do first" (issue 14 item 4): what each role's home page shows before anything else, for the
 * signed-in person and only their own duties. Every `label` is shown as is; excerpts are at most
 * 30 characters with phone and ID numbers masked.
 */

/** How many characters of a question or post a to-do item shows (masked, then trimmed). */
export const TODO_EXCERPT_CHARS = 30;
/** How many items of each list a to-do section carries (the most urgent first). */
export const TODO_ITEMS = 3;

const Excerpt = limitChars(z.string(), { max: TODO_EXCERPT_CHARS });

/** A question with its time limit (限时办结): the first answer's deadline until answered, then the closing one. */
export const TodoQuestion = z
  .object({
    id: ObjectId,
    excerpt: Excerpt,
    villageCode: VillageCode,
    villageName: z.string(),
    /** which deadline counts now: 首次答复 or 办结 */
    dueLabel: z.string(),
    dueAt: z.string().datetime(),
    /** negative when late */
    minutesLeft: z.number().int(),
    overdue: z.boolean(),
    /** e.g. 剩余 5 小时, 已超时 2 天 */
    timeLeft: z.string(),
  })
  .openapi('TodoQuestion');
export type TodoQuestion = z.infer<typeof TodoQuestion>;

const section = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ label: z.string(), count: z.number().int().min(0), items: z.array(item).max(200) });

export const TodoQuestions = section(TodoQuestion).openapi('TodoQuestions');

export const TodoReturnedEntry = z
  .object({
    id: ObjectId,
    /** the Beijing month of the service (YYYY-MM) */
    month: z.string(),
    villageCode: VillageCode,
    villageName: z.string(),
    /** the township's reason for returning it */
    reason: z.string().nullable(),
    returnedAt: z.string().datetime().nullable(),
  })
  .openapi('TodoReturnedEntry');

export const TodoOnSiteHours = z
  .object({
    villageCode: VillageCode,
    villageName: z.string(),
    month: z.string(),
    /** approved on-site hours this month */
    hours: z.number(),
    /** submitted, not yet reviewed */
    pendingHours: z.number(),
    /** the county's monthly target (R2) */
    targetHours: z.number(),
    /** e.g. 本月驻点 1.5 / 4 小时 */
    label: z.string(),
  })
  .openapi('TodoOnSiteHours');

export const CounselTodo = z
  .object({
    waitingQuestions: TodoQuestions,
    returnedEntries: section(TodoReturnedEntry),
    onSiteHours: z.object({ label: z.string(), items: z.array(TodoOnSiteHours) }),
  })
  .openapi('CounselTodo');
export type CounselTodo = z.infer<typeof CounselTodo>;

export const TodoJoinRequest = z
  .object({
    groupCode: z.string(),
    groupName: z.string(),
    userId: ObjectId,
    name: z.string(),
    at: z.string().datetime(),
  })
  .openapi('TodoJoinRequest');

export const TodoHeldPost = z
  .object({
    id: ObjectId,
    groupCode: z.string(),
    groupName: z.string(),
    excerpt: Excerpt,
    causeLabel: z.string(),
    at: z.string().datetime(),
  })
  .openapi('TodoHeldPost');

export const TodoLedgerReview = z
  .object({
    id: ObjectId,
    month: z.string(),
    villageCode: VillageCode,
    villageName: z.string(),
    counselName: z.string(),
    kindLabel: z.string(),
    minutes: z.number(),
  })
  .openapi('TodoLedgerReview');

export const TownshipTodo = z
  .object({
    townshipCode: TownshipCode,
    townshipName: z.string(),
    joinRequests: section(TodoJoinRequest),
    heldPosts: section(TodoHeldPost),
    ledgerReviews: section(TodoLedgerReview),
    overdueQuestions: TodoQuestions,
  })
  .openapi('TownshipTodo');
export type TownshipTodo = z.infer<typeof TownshipTodo>;

export const TodoVillage = z
  .object({
    villageCode: VillageCode,
    villageName: z.string(),
    townshipCode: z.string(),
    townshipName: z.string(),
  })
  .openapi('TodoVillage');

export const TodoBehindVillage = TodoVillage.extend({
  onSiteHours: z.number(),
  targetHours: z.number(),
}).openapi('TodoBehindVillage');

export const CountyTodo = z
  .object({
    countyCode: CountyCode,
    countyName: z.string(),
    month: z.string(),
    villagesWithoutCounsel: section(TodoVillage),
    /**
     * villages whose approved on-site time this month is below the target prorated to the days
     * gone (`expectedMinutes`)
     */
    villagesBehind: section(TodoBehindVillage),
    expectedMinutes: z.number(),
  })
  .openapi('CountyTodo');
export type CountyTodo = z.infer<typeof CountyTodo>;

/** A service-hall case waiting on the person as its handler, with its time limit when it has one. */
export const TodoCase = z
  .object({
    id: ObjectId,
    kind: CaseKind,
    kindLabel: z.string(),
    title: Excerpt,
    villageCode: VillageCode,
    villageName: z.string(),
    /** null when nothing is due from the handler now (waiting on the applicant) */
    dueAt: z.string().datetime().nullable(),
    minutesLeft: z.number().int().nullable(),
    overdue: z.boolean(),
    timeLeft: z.string().nullable(),
  })
  .openapi('TodoCase');

export const CaseTodo = z
  .object({
    label: z.string(),
    /** unowned cases the person may take, and those they own, not yet done */
    count: z.number().int().min(0),
    overdueCount: z.number().int().min(0),
    items: z.array(TodoCase).max(200),
  })
  .openapi('CaseTodo');
export type CaseTodo = z.infer<typeof CaseTodo>;

export const TodoReply = z
  .object({
    /** null when the person serves no village as counsel */
    counsel: CounselTodo.nullable(),
    /** one per township the person staffs */
    townships: z.array(TownshipTodo),
    /** one per county the person staffs */
    counties: z.array(CountyTodo),
    /** the service hall's cases waiting on the person (legal aid, mediation, bookings, complaints); null without a role that takes them */
    cases: CaseTodo.nullable(),
    /** all items waiting, for a badge */
    total: z.number().int().min(0),
  })
  .openapi('TodoReply');
export type TodoReply = z.infer<typeof TodoReply>;
