import { Card, Col, Input, Layout, Row, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { FileSearchOutlined, SolutionOutlined, LikeOutlined } from '@ant-design/icons';
import { PublicHeader } from '../../components/PublicHeader.tsx';
import { useT } from '../../i18n.ts';
import { IdCheckCard } from './IdCheckCard.tsx';
import { POPULAR_SEARCHES as POPULAR } from './popular.ts';

export default function HomePage() {
  const t = useT();
  const navigate = useNavigate();
  const search = (q: string) => navigate(q.trim() ? `/items?q=${encodeURIComponent(q.trim())}` : '/items');
  const features = [
    { icon: <FileSearchOutlined />, title: t('home.feature.find'), text: t('home.feature.findText') },
    { icon: <SolutionOutlined />, title: t('home.feature.apply'), text: t('home.feature.applyText') },
    { icon: <LikeOutlined />, title: t('home.feature.rate'), text: t('home.feature.rateText') },
  ];
  return (
    <Layout className="public-layout">
      <PublicHeader />
      <Layout.Content>
        <section className="home-hero">
          <Typography.Title level={1} className="home-hero-title">
            {t('app.fullName')}
          </Typography.Title>
          <Typography.Paragraph className="home-hero-tagline">{t('app.tagline')}</Typography.Paragraph>
          <div className="home-search">
            <Input.Search size="large" placeholder={t('home.searchPlaceholder')} enterButton allowClear onSearch={search} data-testid="home-search" />
            <Typography.Text className="home-search-note">
              {t('home.searchHint')}
              {POPULAR.map((q) => (
                <Link key={q} to={`/items?q=${encodeURIComponent(q)}`} className="home-search-popular">
                  {q}
                </Link>
              ))}
            </Typography.Text>
          </div>
        </section>
        <div className="page-narrow">
          <Typography.Paragraph className="home-intro">{t('home.intro')}</Typography.Paragraph>
          <Row gutter={[16, 16]} className="block-gap">
            {features.map((f) => (
              <Col xs={24} md={8} key={f.title}>
                <Card className="home-feature">
                  <div className="home-feature-icon">{f.icon}</div>
                  <Typography.Title level={4}>{f.title}</Typography.Title>
                  <Typography.Text type="secondary">{f.text}</Typography.Text>
                </Card>
              </Col>
            ))}
          </Row>
          <IdCheckCard />
        </div>
      </Layout.Content>
      <Layout.Footer className="public-footer">{t('home.footer')}</Layout.Footer>
    </Layout>
  );
}
