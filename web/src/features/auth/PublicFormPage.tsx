import { Alert, Button, Card, Layout, Result, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { PublicHeader } from '../../components/PublicHeader.tsx';
import { errorText, useLang, useT } from '../../i18n.ts';

/** What a public form page shows once it succeeded: a title, perhaps a hint, and the way to sign in. */
export interface PublicFormDone {
  title: string;
  hint?: string;
  testId: string;
  loginTestId?: string;
}

/**
 * A page of the public's own account forms (register, forgotten password), outside the app: its title, subtitle and
 * the error of the last try above the form; once `done`, the success in its place with a link to sign in.
 */
export function PublicFormPage(props: {
  title: string;
  subtitle: string;
  error: unknown;
  errorTestId: string;
  done?: PublicFormDone;
  cardClassName?: string;
  children: ReactNode;
}) {
  const t = useT();
  const { lang } = useLang();
  const { done } = props;
  return (
    <Layout className="public-layout">
      <PublicHeader />
      <Layout.Content className="login-content">
        <Card className={props.cardClassName ? `login-card ${props.cardClassName}` : 'login-card'}>
          {done ? (
            <Result
              status="success"
              title={done.title}
              subTitle={done.hint}
              extra={
                <Link to="/login">
                  <Button type="primary" data-testid={done.loginTestId}>
                    {t('common.login')}
                  </Button>
                </Link>
              }
              data-testid={done.testId}
            />
          ) : (
            <>
              <Typography.Title level={2}>{props.title}</Typography.Title>
              <Typography.Paragraph type="secondary">{props.subtitle}</Typography.Paragraph>
              {props.error !== undefined && (
                <Alert type="error" showIcon className="block-gap" title={errorText(props.error, lang)} data-testid={props.errorTestId} />
              )}
              {props.children}
            </>
          )}
        </Card>
      </Layout.Content>
    </Layout>
  );
}
