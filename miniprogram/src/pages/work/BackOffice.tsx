import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { Me } from '@vc/types';
import { Button } from '../../shared/components/Button';
import { goto } from '../../shared/nav';

/**
 * 回访与考核 (issue 16 items 5 and 7): township staff call back a sample of finished services;
 * county staff read the assessment figures. One button per place the person works at.
 */
export function BackOffice({ user }: { user: Me }) {
  const { t } = useTranslation('home');
  const townships = user.roles.filter((g) => g.role === 'township_staff');
  const counties = user.roles.filter((g) => g.role === 'county_staff');
  if (!townships.length && !counties.length) return null;
  const many = townships.length + counties.length > 1;
  return (
    <View className="card" id="work-backoffice">
      <View className="section-title">{t('work.backOffice')}</View>
      {townships.map((g) => (
        <Button
          key={`cb-${g.placeCode}`}
          light
          id={`callbacks-${g.placeCode}`}
          onClick={() => goto('backofficeCallbacks', { townshipCode: g.placeCode })}
        >
          {many ? t('work.callbacksAt', { place: g.placeName }) : t('work.callbacks')}
        </Button>
      ))}
      {counties.map((g) => (
        <Button
          key={`as-${g.placeCode}`}
          light
          id={`assessment-${g.placeCode}`}
          onClick={() => goto('backofficeAssessment', { countyCode: g.placeCode })}
        >
          {many ? t('work.assessmentAt', { place: g.placeName }) : t('work.assessment')}
        </Button>
      ))}
    </View>
  );
}
