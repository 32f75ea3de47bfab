import { LockOutlined } from '@ant-design/icons';
import { Button, Card, Layout, Modal, Result, Skeleton, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Brand } from '../../components/Brand.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import { caseApi } from '../cases/index.tsx';
import { RatingForm } from './RatingForm.tsx';

/**
 * 一次一评 on the hall's tablet (channel 4): the clerk turns the tablet to the applicant, who taps one of five big
 * levels and the on-site indicators. Full screen, without the menu. The tablet is in the applicant's hands but
 * signed in as the clerk, so nothing on it leads into the workbench in one tap: the mark is not a link, and the only
 * way back is a small staff control that first asks whether the tablet is back with the clerk (or the browser's back).
 */
export default function CounterRatePage() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const { number = '' } = useParams();
  const remote = useRemote(() => caseApi.get(number), [number]);
  const [leaving, setLeaving] = useState(false);
  const d = remote.data;
  return (
    <Layout className="counter-layout">
      <Layout.Header className="app-header">
        <Brand />
      </Layout.Header>
      <Layout.Content className="counter-content">
        {remote.error !== undefined && !d ? (
          <Result status="error" title={t('common.loadFailed')} subTitle={errorText(remote.error, lang)} />
        ) : !d ? (
          <Skeleton active />
        ) : (
          <Card className="counter-card" data-testid="counter-rate">
            <Typography.Title level={2} className="counter-title">
              {t('rating.counterTitle')}
            </Typography.Title>
            <Typography.Paragraph type="secondary" className="counter-sub">
              {d.implementation.name} · <span className="mono">{d.number}</span>
            </Typography.Paragraph>
            <RatingForm number={d.number} channel="4" big />
          </Card>
        )}
        <div className="counter-staff">
          <Button type="text" size="small" icon={<LockOutlined />} onClick={() => setLeaving(true)} data-testid="counter-staff-exit">
            {t('rating.staffExit')}
          </Button>
        </div>
        <Modal
          open={leaving}
          title={t('rating.staffExitTitle')}
          okText={t('rating.backToWindow')}
          cancelText={t('rating.staffExitCancel')}
          onOk={() => navigate(`/app/window?case=${number}`, { replace: true })}
          onCancel={() => setLeaving(false)}
          okButtonProps={{ 'data-testid': 'counter-staff-exit-ok' } as ButtonProps}
          cancelButtonProps={{ 'data-testid': 'counter-staff-exit-cancel' } as ButtonProps}
        >
          <Typography.Paragraph>{t('rating.staffExitText')}</Typography.Paragraph>
        </Modal>
      </Layout.Content>
    </Layout>
  );
}
