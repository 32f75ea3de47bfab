import { Card, Col, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { RegionName } from '../../components/regions.tsx';
import { useSession } from '../../auth.tsx';
import { roleLabel, useLang, useT } from '../../i18n.ts';
import { visibleMenu } from '../features.ts';
import { futureModulesFor } from './modules.tsx';

export default function WorkbenchPage() {
  const t = useT();
  const { lang } = useLang();
  const { user, permissions } = useSession();
  const available = visibleMenu(permissions).filter((i) => i.description);
  const future = futureModulesFor(user.roles.map((r) => r.role));

  return (
    <>
      <Card className="block-gap welcome-card" data-testid="welcome-card">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('workbench.welcome', { name: user.displayName })}
        </Typography.Title>
        <Space wrap>
          <Typography.Text type="secondary">{t('workbench.roles')}:</Typography.Text>
          {user.roles.length === 0 && <Typography.Text type="secondary">{t('workbench.noRoles')}</Typography.Text>}
          {user.roles.map((r, i) => (
            <Tag color="blue" key={i} data-testid={`role-${r.role}`}>
              {roleLabel(r.role, lang)}
              {r.regionCode && (
                <>
                  {' · '}
                  <RegionName code={r.regionCode} />
                </>
              )}
            </Tag>
          ))}
        </Space>
      </Card>
      <Typography.Title level={4}>{t('workbench.modules')}</Typography.Title>
      <Row gutter={[16, 16]}>
        {available.map((item) => (
          <Col xs={24} sm={12} lg={8} key={item.key}>
            <Link to={item.path} data-testid={`module-${item.key}`}>
              <Card hoverable className="module-card">
                <Card.Meta avatar={<span className="module-icon">{item.icon}</span>} title={t(item.label)} description={t(item.description!)} />
              </Card>
            </Link>
          </Col>
        ))}
        {future.map((m) => (
          <Col xs={24} sm={12} lg={8} key={m.key}>
            <Card className="module-card module-card-soon" data-testid={`module-${m.key}`}>
              <Card.Meta
                avatar={<span className="module-icon">{m.icon}</span>}
                title={
                  <Space>
                    {t(m.title)}
                    <Tag>{t('common.comingSoon')}</Tag>
                  </Space>
                }
                description={t(m.description)}
              />
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
