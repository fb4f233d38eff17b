import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { CaseSummary, ServedService } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { ErrorMessage } from '../../shared/components/Message';
import { Screen } from '../../shared/components/Screen';
import { useLoad } from '../../shared/hooks/useLoad';
import { goto, replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { CaseRow } from '../components/CaseRow';
import { ServedServices } from '../components/ServedServices';
import '../components/hall.css';

/** The four services, each one tap from here. */
const SERVICES = [
  { id: 'hall-legal-aid', label: '法律援助', note: '经济困难可申请免费律师', go: () => goto('hallLegalAid') },
  { id: 'hall-mediation', label: '人民调解', note: '邻里、家庭、土地等纠纷', go: () => goto('hallApply', { kind: 'mediation' }) },
  { id: 'hall-booking', label: '预约法律顾问', note: '约好时间当面咨询', go: () => goto('hallApply', { kind: 'booking' }) },
  { id: 'hall-complaint', label: '投诉建议', note: '对服务不满意或有建议', go: () => goto('hallApply', { kind: 'complaint' }) },
] as const;

/** 服务大厅 (issue 16): the services a villager asks for, and 我的办事 with where each stands. */
export default function HallIndex() {
  const [bound, setBound] = useState(true);
  const list = useLoad<CaseSummary[]>();
  const [served, setServed] = useState<ServedService[]>([]);

  useDidShow(() => {
    const session = getSession();
    if (!session) {
      replaceWith('login');
      return;
    }
    // cases are opened at the applicant's village: bind one first
    setBound(!!session.user.village);
    if (session.user.village) list.load(() => call('myCases').then((r) => r.items));
    // the services a counsel recorded with this villager named; the hall works without them
    call('myServedServices')
      .then((r) => setServed(r.items))
      .catch(() => setServed([]));
  });

  if (!bound)
    return (
      <Screen>
        <View className="card" id="hall-unbound">
          <View className="title">服务大厅</View>
          <View className="mt-s">请先绑定您所在的村（社区），再申请法律援助、调解或预约法律顾问。</View>
          <Button id="goto-bind" onClick={() => goto('bind')}>
            去绑定
          </Button>
        </View>
      </Screen>
    );

  return (
    <Screen>
      <View className="card">
        <View className="title">服务大厅</View>
        <View className="subtitle">在手机上申请，办理到哪一步随时能看到</View>
        {SERVICES.map((s) => (
          <View key={s.id} id={s.id} className="list-item hall-entry" hoverClass="btn-hover" role="button" onClick={s.go}>
            <View className="hall-entry-label bold">{s.label}</View>
            <View className="muted">{s.note}</View>
          </View>
        ))}
      </View>
      <View className="section-title">我的办事</View>
      <ErrorMessage message={list.error} />
      {!list.data && !list.error && <View className="muted">正在加载…</View>}
      {list.data && list.data.length === 0 && (
        <View className="muted" id="hall-empty">
          您还没有办理过事项
        </View>
      )}
      <View id="hall-mine">
        {list.data?.map((c) => (
          <CaseRow key={c.id} c={c} handlerView={false} onOpen={() => goto('hallCase', { id: c.id })} />
        ))}
      </View>
      <ServedServices items={served} onRated={(s) => setServed((all) => all.map((x) => (x.entryId === s.entryId ? s : x)))} />
    </Screen>
  );
}
