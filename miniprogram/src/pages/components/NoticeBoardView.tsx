import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { CounselCard as Counsel, NoticeBoard } from '@vc/types';
import { call } from '../../shared/api';
import { messageOf } from '../../shared/http';
import { HOTLINE } from '../../shared/labels';
import { goto, type PageName } from '../../shared/nav';
import { ErrorMessage } from '../../shared/components/Message';
import { CounselCard } from './CounselCard';

/**
 * The service hall's flow a procedure line describes, by what it names (the county writes these
 * lines in its own words): 法律援助, 调解, 预约 or 当面 (a booking), 投诉 or 监督.
 */
function flowOf(line: string): { label: string; page: PageName; query?: Record<string, string> } | null {
  if (line.includes('法律援助')) return { label: '去申请', page: 'hallLegalAid' };
  if (line.includes('调解')) return { label: '去申请', page: 'hallApply', query: { kind: 'mediation' } };
  if (line.includes('预约') || line.includes('当面')) return { label: '去预约', page: 'hallApply', query: { kind: 'booking' } };
  if (line.includes('投诉') || line.includes('监督')) return { label: '去反映', page: 'hallApply', query: { kind: 'complaint' } };
  return null;
}

/** The village's public notice board (公示栏, docs/domain.md R11). */
export function NoticeBoardView({ board }: { board: NoticeBoard }) {
  const [error, setError] = useState<string | null>(null);

  /** never rejects: every failure is shown (or, for a cancelled dialer, dropped) here */
  async function dial(counsel: Counsel) {
    setError(null);
    try {
      const { phone } = await call('counselContact', {
        params: { villageCode: board.village.code, counselId: counsel.id },
      });
      await Taro.makePhoneCall({ phoneNumber: phone });
    } catch (e) {
      // the user cancelling the dialer is not an error worth showing
      const msg = messageOf(e);
      if (!/cancel/i.test(msg)) setError(msg);
    }
  }

  function dialNumber(phoneNumber: string) {
    Taro.makePhoneCall({ phoneNumber }).catch(() => undefined);
  }

  return (
    <View>
      <View className="card">
        <View id="board-village-name" className="title">
          {board.village.name}
        </View>
        <View id="board-village-place" className="subtitle">
          {board.village.countyName} · {board.village.townshipName}
        </View>
        <View className="muted">村（居）法律顾问公示栏</View>
      </View>

      <ErrorMessage message={error} />

      <View className="section-title">法律顾问</View>
      {board.counsel.length === 0 ? (
        <View className="card muted">本村暂未指派法律顾问，请拨打 12348 法律服务热线咨询。</View>
      ) : (
        board.counsel.map((c) => <CounselCard key={c.id} counsel={c} onCall={(counsel) => void dial(counsel)} />)
      )}

      <View className="section-title">服务项目（3 + X）</View>
      <View className="card">
        <View className="muted">基本服务</View>
        <View id="services-basic">
          {board.services.basic.map((s) => (
            <Text key={s} className="tag">
              {s}
            </Text>
          ))}
        </View>
        <View className="muted mt-m">拓展服务</View>
        <View id="services-extended">
          {board.services.extended.map((s) => (
            <Text key={s} className="tag">
              {s}
            </Text>
          ))}
        </View>
      </View>

      {board.procedures.length > 0 && (
        <View>
          <View className="section-title">办事流程</View>
          <View className="card" id="procedures">
            {board.procedures.map((p, i) => {
              const flow = flowOf(p);
              return (
                <View key={i} className="mb-s">
                  {i + 1}. {p}
                  {flow && (
                    <Text id={`procedure-link-${i}`} className="tag tag-choice" onClick={() => goto(flow.page, flow.query)}>
                      {flow.label}
                    </Text>
                  )}
                </View>
              );
            })}
          </View>
        </View>
      )}

      <View className="section-title">监督与热线</View>
      <View className="card">
        {board.supervisionText && (
          <View id="supervision-text" className="muted mb-s">
            {board.supervisionText}
          </View>
        )}
        <View className="row list-item" onClick={() => dialNumber(board.supervisionPhone)}>
          <View className="grow">
            <View className="muted">监督电话</View>
            <View id="supervision-phone" className="phone">
              {board.supervisionPhone}
            </View>
          </View>
          <Text className="tag">拨打</Text>
        </View>
        <View className="row list-item" onClick={() => dialNumber(board.hotline || HOTLINE)}>
          <View className="grow">
            <View className="muted">12348 法律服务热线</View>
            <View id="hotline" className="phone">
              {board.hotline || HOTLINE}
            </View>
          </View>
          <Text className="tag">拨打</Text>
        </View>
      </View>
    </View>
  );
}
