/**
 * "To-do first" (issue 14 item 4): the home page opens with what waits for this person, per role,
 * counts first and the most urgent items under them, each a tap away from where it is done. The
 * server decides what counts (GET /api/me/todo); this file only lays it out. Ids are stable: tests
 * read them.
 */
import type { ReactNode } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { CountyTodo, CounselTodo, TodoReply, TownshipTodo } from '@vc/types';
import { call } from '../../shared/api';
import { ErrorMessage } from '../../shared/components/Message';
import { useLoad } from '../../shared/hooks/useLoad';
import { goto } from '../../shared/nav';

/** One count: a large number over its label, red while something waits; a tap opens where it is done. */
function Count({ id, label, count, onTap }: { id: string; label: string; count: number; onTap: () => void }) {
  return (
    <View className={`todo-count${count > 0 ? ' todo-count-due' : ''}`} id={id} onClick={onTap}>
      <View className="todo-count-number" id={`${id}-number`}>
        {count}
      </View>
      <View className="todo-count-label">{label}</View>
    </View>
  );
}

function Item({ id, onTap, children }: { id: string; onTap: () => void; children: ReactNode }) {
  return (
    <View className="list-item todo-item" id={id} onClick={onTap}>
      {children}
    </View>
  );
}

function CounselSection({ todo }: { todo: CounselTodo }) {
  const { waitingQuestions: questions, returnedEntries: returned, onSiteHours } = todo;
  const { t } = useTranslation('home');
  return (
    <View className="card" id="todo-counsel">
      <View className="section-title">{t('todo.mine')}</View>
      <View className="todo-counts">
        <Count
          id="todo-waiting"
          label={questions.label}
          count={questions.count}
          onTap={() => goto('consultList', { box: 'inbox' })}
        />
        <Count id="todo-returned" label={returned.label} count={returned.count} onTap={() => goto('ledgerEntries')} />
      </View>
      {questions.items.map((q) => (
        <Item key={q.id} id={`todo-question-${q.id}`} onTap={() => goto('consultThread', { id: q.id })}>
          <View className="row">
            <View className="grow">{q.excerpt}</View>
            <View className={q.overdue ? 'error' : 'tag'} id={`todo-question-left-${q.id}`}>
              {q.timeLeft}
            </View>
          </View>
          <View className="subtitle">
            {q.villageName} · {q.dueLabel}
          </View>
        </Item>
      ))}
      {returned.items.map((e) => (
        <Item key={e.id} id={`todo-returned-${e.id}`} onTap={() => goto('ledgerEntries')}>
          <View>{t('todo.returned', { month: e.month, village: e.villageName })}</View>
          {e.reason && <View className="error">{t('todo.reason', { reason: e.reason })}</View>}
        </Item>
      ))}
      {onSiteHours.items.length > 0 && (
        <View id="todo-hours">
          <View className="subtitle">{onSiteHours.label}</View>
          {onSiteHours.items.map((h) => (
            <View
              key={h.villageCode}
              className={`row todo-hours${h.hours < h.targetHours ? ' todo-hours-behind' : ''}`}
              id={`todo-hours-${h.villageCode}`}
            >
              <View className="grow">{h.villageName}</View>
              <View>{h.label}</View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

function TownshipSection({ todo }: { todo: TownshipTodo }) {
  const code = todo.townshipCode;
  const township = { townshipCode: code };
  const firstJoin = todo.joinRequests.items[0];
  const { t } = useTranslation('home');
  return (
    <View className="card" id={`todo-township-${code}`}>
      <View className="section-title">{t('todo.place', { place: todo.townshipName })}</View>
      <View className="todo-counts">
        <Count
          id={`todo-joins-${code}`}
          label={todo.joinRequests.label}
          count={todo.joinRequests.count}
          onTap={() => (firstJoin ? goto('groupManage', { code: firstJoin.groupCode }) : goto('groupList'))}
        />
        <Count
          id={`todo-held-${code}`}
          label={todo.heldPosts.label}
          count={todo.heldPosts.count}
          onTap={() => goto('groupHeld', { code })}
        />
        <Count
          id={`todo-reviews-${code}`}
          label={todo.ledgerReviews.label}
          count={todo.ledgerReviews.count}
          onTap={() => goto('ledgerReview', township)}
        />
        <Count
          id={`todo-overdue-${code}`}
          label={todo.overdueQuestions.label}
          count={todo.overdueQuestions.count}
          onTap={() => goto('consultOverdue', township)}
        />
      </View>
      {todo.joinRequests.items.map((j) => (
        <Item
          key={`${j.groupCode}-${j.userId}`}
          id={`todo-join-${j.groupCode}-${j.userId}`}
          onTap={() => goto('groupManage', { code: j.groupCode })}
        >
          {t('todo.join', { name: j.name, group: j.groupName })}
        </Item>
      ))}
      {todo.heldPosts.items.map((p) => (
        <Item key={p.id} id={`todo-held-post-${p.id}`} onTap={() => goto('groupHeld', { code })}>
          <View>{p.excerpt}</View>
          <View className="subtitle">
            {p.groupName} · {p.causeLabel}
          </View>
        </Item>
      ))}
      {todo.overdueQuestions.items.map((q) => (
        <Item key={q.id} id={`todo-overdue-question-${q.id}`} onTap={() => goto('consultOverdue', township)}>
          <View className="row">
            <View className="grow">{q.excerpt}</View>
            <View className="error">{q.timeLeft}</View>
          </View>
          <View className="subtitle">{q.villageName}</View>
        </Item>
      ))}
    </View>
  );
}

function CountySection({ todo }: { todo: CountyTodo }) {
  const county = { countyCode: todo.countyCode };
  const { t } = useTranslation('home');
  return (
    <View className="card" id={`todo-county-${todo.countyCode}`}>
      <View className="section-title">{t('todo.place', { place: todo.countyName })}</View>
      <View className="todo-counts">
        <Count
          id={`todo-uncovered-${todo.countyCode}`}
          label={todo.villagesWithoutCounsel.label}
          count={todo.villagesWithoutCounsel.count}
          onTap={() => goto('counselAssign', county)}
        />
        <Count
          id={`todo-behind-${todo.countyCode}`}
          label={todo.villagesBehind.label}
          count={todo.villagesBehind.count}
          onTap={() => goto('ledgerCountyStats', county)}
        />
      </View>
      {todo.villagesWithoutCounsel.items.map((v) => (
        <Item key={v.villageCode} id={`todo-uncovered-village-${v.villageCode}`} onTap={() => goto('counselAssign', county)}>
          {t('todo.noCounsel', { township: v.townshipName, village: v.villageName })}
        </Item>
      ))}
      {todo.villagesBehind.items.map((v) => (
        <Item key={v.villageCode} id={`todo-behind-village-${v.villageCode}`} onTap={() => goto('ledgerCountyStats', county)}>
          {t('todo.behind', { township: v.townshipName, village: v.villageName, hours: v.onSiteHours, target: v.targetHours })}
        </Item>
      ))}
    </View>
  );
}

/** The panel on the staff home: nothing for a person without duties, "暂无待办" when all is done. */
export function TodoPanel() {
  const todo = useLoad<TodoReply>();
  const { t } = useTranslation('home');
  useDidShow(() => todo.load(() => call('myTodo')));

  const data = todo.data;
  const roles = data ? Number(data.counsel !== null) + data.townships.length + data.counties.length : 0;
  return (
    <View id="home-todo">
      <ErrorMessage message={todo.error} />
      {data && roles > 0 && data.total === 0 && (
        <View className="card muted" id="todo-none">
          {t('todo.none')}
        </View>
      )}
      {data?.counsel && <CounselSection todo={data.counsel} />}
      {data?.townships.map((tw) => (
        <TownshipSection key={tw.townshipCode} todo={tw} />
      ))}
      {data?.counties.map((c) => (
        <CountySection key={c.countyCode} todo={c} />
      ))}
    </View>
  );
}
