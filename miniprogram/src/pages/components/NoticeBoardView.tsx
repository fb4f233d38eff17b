import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CounselCard as Counsel, NoticeBoard } from '@vc/types';
import { call } from '../../shared/api';
import { messageOf } from '../../shared/http';
import { HOTLINE } from '../../shared/labels';
import { goto, type PageName } from '../../shared/nav';
import { ErrorMessage } from '../../shared/components/Message';
import { CounselCard } from './CounselCard';
// the county's own (Chinese) words that name a flow: data matched against its text, not display text
import PROCEDURE_WORDS from './procedure-words.json';

/**
 * The service hall's flow a procedure line describes, by what it names (the county writes these
 * lines in its own words): 法律援助, 调解, 预约 or 当面 (a booking), 投诉 or 监督.
 */
function flowOf(line: string, t: TFunction<'board'>): { label: string; page: PageName; query?: Record<string, string> } | null {
  const rule = PROCEDURE_WORDS.find((r) => r.words.some((w) => line.includes(w)));
  if (!rule) return null;
  if (rule.flow === 'legalAid') return { label: t('flow.apply'), page: 'hallLegalAid' };
  if (rule.flow === 'mediation') return { label: t('flow.apply'), page: 'hallApply', query: { kind: 'mediation' } };
  if (rule.flow === 'booking') return { label: t('flow.book'), page: 'hallApply', query: { kind: 'booking' } };
  return { label: t('flow.report'), page: 'hallApply', query: { kind: 'complaint' } };
}

/** The village's public notice board (公示栏, docs/domain.md R11). */
export function NoticeBoardView({ board }: { board: NoticeBoard }) {
  const [error, setError] = useState<string | null>(null);
  const { t } = useTranslation('board');

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
          {t('place', { county: board.village.countyName, township: board.village.townshipName })}
        </View>
        <View className="muted">{t('heading')}</View>
      </View>

      <ErrorMessage message={error} />

      <View className="section-title">{t('counsel')}</View>
      {board.counsel.length === 0 ? (
        <View className="card muted">{t('noCounsel')}</View>
      ) : (
        board.counsel.map((c) => <CounselCard key={c.id} counsel={c} onCall={(counsel) => void dial(counsel)} />)
      )}

      <View className="section-title">{t('services')}</View>
      <View className="card">
        <View className="muted">{t('basic')}</View>
        <View id="services-basic">
          {board.services.basic.map((s) => (
            <Text key={s} className="tag">
              {s}
            </Text>
          ))}
        </View>
        <View className="muted mt-m">{t('extended')}</View>
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
          <View className="section-title">{t('procedures')}</View>
          <View className="card" id="procedures">
            {board.procedures.map((p, i) => {
              const flow = flowOf(p, t);
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

      <View className="section-title">{t('supervision')}</View>
      <View className="card">
        {board.supervisionText && (
          <View id="supervision-text" className="muted mb-s">
            {board.supervisionText}
          </View>
        )}
        <View className="row list-item" onClick={() => dialNumber(board.supervisionPhone)}>
          <View className="grow">
            <View className="muted">{t('supervisionPhone')}</View>
            <View id="supervision-phone" className="phone">
              {board.supervisionPhone}
            </View>
          </View>
          <Text className="tag">{t('call')}</Text>
        </View>
        <View className="row list-item" onClick={() => dialNumber(board.hotline || HOTLINE)}>
          <View className="grow">
            <View className="muted">{t('hotline')}</View>
            <View id="hotline" className="phone">
              {board.hotline || HOTLINE}
            </View>
          </View>
          <Text className="tag">{t('call')}</Text>
        </View>
      </View>
    </View>
  );
}
