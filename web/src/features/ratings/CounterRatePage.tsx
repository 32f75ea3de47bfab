import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Layout, Result, Skeleton, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { Brand } from '../../components/Brand.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import { caseApi } from '../cases/caseKit.tsx';
import { RatingForm } from './RatingForm.tsx';

/**
 * 一次一评 on the hall's tablet (channel 4): the clerk turns the tablet to the applicant, who taps one of five big
 * levels and the on-site indicators. Full screen, without the menu.
 */
export default function CounterRatePage() {
  const t = useT();
  const { lang } = useLang();
  const { number = '' } = useParams();
  const remote = useRemote(() => caseApi.get(number), [number]);
  const d = remote.data;
  return (
    <Layout className="counter-layout">
      <Layout.Header className="app-header">
        <Brand to="/app/window" />
      </Layout.Header>
      <Layout.Content className="counter-content">
        <Link to={`/app/window?case=${number}`} className="guide-back">
          <ArrowLeftOutlined /> {t('rating.backToWindow')}
        </Link>
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
            <div className="counter-back">
              <Link to="/app/window">
                <Button size="large">{t('rating.backToWindow')}</Button>
              </Link>
            </div>
          </Card>
        )}
      </Layout.Content>
    </Layout>
  );
}
