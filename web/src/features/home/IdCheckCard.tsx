import { Alert, Button, Card, Form, Input, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import type { IdCheck } from '../../api/types.ts';
import { errorText, localize, useLang, useT } from '../../i18n.ts';

type Kind = 'id' | 'uscc';

/** Public tool: is the check character of an ID number or USCC right? */
export function IdCheckCard() {
  const t = useT();
  const { lang } = useLang();
  const [kind, setKind] = useState<Kind>('id');
  const [value, setValue] = useState('');
  const [result, setResult] = useState<IdCheck>();
  const [error, setError] = useState<unknown>();
  const [isChecking, setIsChecking] = useState(false);

  const check = async () => {
    const code = value.trim().toUpperCase();
    if (!code) return;
    setIsChecking(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await api.get(`/api/check/${kind}/{value}`, { params: { path: { value: code } } }));
    } catch (err) {
      setError(err);
    } finally {
      setIsChecking(false);
    }
  };

  return (
    <Card title={t('home.checkTitle')} className="block-gap" data-testid="id-check">
      <Typography.Paragraph type="secondary">{t('home.checkIntro')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={check}>
        <Form.Item>
          <Segmented<Kind>
            value={kind}
            onChange={(k) => {
              setKind(k);
              setResult(undefined);
            }}
            options={[
              { value: 'id', label: t('home.checkType.id') },
              { value: 'uscc', label: t('home.checkType.uscc') },
            ]}
          />
        </Form.Item>
        <Form.Item>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              value={value}
              onChange={(e) => setValue(e.target.value)}
              maxLength={18}
              placeholder={t('home.checkPlaceholder')}
              aria-label={kind === 'id' ? t('home.checkType.id') : t('home.checkType.uscc')}
              data-testid="id-check-input"
              allowClear
            />
            <Button type="primary" htmlType="submit" loading={isChecking} data-testid="id-check-submit">
              {t('home.checkSubmit')}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
      {result && (
        <Alert
          data-testid="id-check-result"
          type={result.valid ? 'success' : 'error'}
          showIcon
          title={result.valid ? t('home.valid') : t('home.invalid')}
          description={result.reason ? localize({ zh: result.reasonZh ?? result.reason, en: result.reason }, lang) : undefined}
        />
      )}
      {error !== undefined && <Alert type="error" showIcon title={errorText(error, lang)} />}
    </Card>
  );
}
