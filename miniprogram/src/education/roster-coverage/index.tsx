import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { RosterCoverageReply } from '@vc/types';
import { call } from '../../shared/api';
import { Feedback } from '../../shared/components/Feedback';
import { Screen } from '../../shared/components/Screen';
import { useAction } from '../../shared/hooks/useAction';
import { replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';

/**
 * 法律明白人配备情况 (issue 17 item 3), for the county's staff: each village's legal-literate
 * residents against the county's target (county policy legalLiterateTarget), those short of it
 * first on request.
 */
export default function CoveragePage() {
  const { t } = useTranslation('roster');
  const router = useRouter();
  const [reply, setReply] = useState<RosterCoverageReply | null>(null);
  const [onlyShort, setOnlyShort] = useState(true);
  const action = useAction();

  useDidShow(() => {
    const session = getSession();
    if (!session) {
      replaceWith('login');
      return;
    }
    const county =
      router.params.countyCode ||
      session.user.roles.find((g) => g.role === 'county_staff' || g.role === 'admin')?.placeCode.slice(0, 6) ||
      '';
    call('countyRosterCoverage', { params: { countyCode: county } }).then(setReply).catch(action.fail);
  });

  const rows = reply ? reply.items.filter((i) => !onlyShort || !i.meetsTarget) : [];
  return (
    <Screen id="education-coverage" title={t('coverage.title')}>
      <View className="card">
        <View className="title">{t('coverage.title')}</View>
        {!reply && !action.error && <View className="muted">{t('coverage.loading')}</View>}
        {reply && (
          <>
            <View className="subtitle">{t('coverage.intro', { target: reply.target })}</View>
            <View className="bold" id="coverage-summary">
              {t('coverage.summary', { villages: reply.villages, meeting: reply.meeting, people: reply.people })}
            </View>
            <View className="choice-row">
              <View id="coverage-toggle" role="button" className="choice" onClick={() => setOnlyShort((v) => !v)}>
                {onlyShort ? t('coverage.all') : t('coverage.onlyShort')}
              </View>
            </View>
          </>
        )}
      </View>
      <Feedback of={action} />
      {reply &&
        rows.map((v) => (
          <View key={v.villageCode} className="row list-item" id={`coverage-${v.villageCode}`}>
            <View className="grow">
              {v.townshipName} · {v.villageName}
            </View>
            <View className={v.meetsTarget ? '' : 'bold'}>{t('coverage.row', { n: v.count, target: reply.target })}</View>
          </View>
        ))}
    </Screen>
  );
}
