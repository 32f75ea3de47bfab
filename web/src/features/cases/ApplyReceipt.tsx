import { DownloadOutlined } from '@ant-design/icons';
import { Button, Result, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useShowError } from '../../components/useShowError.ts';
import { useT } from '../../i18n.ts';
import { caseApi } from './caseApi.ts';

/** After submitting: the case number, the receipt to download, and the way to the case. */
export function ApplyReceipt({ number }: { number: string }) {
  const t = useT();
  const showError = useShowError();
  return (
    <Result
      status="success"
      title={t('apply.receiptTitle')}
      subTitle={
        <span data-testid="apply-receipt">
          {t('apply.receiptText', { number })}
          <br />
          <Typography.Text strong copyable className="mono" data-testid="apply-receipt-number">
            {number}
          </Typography.Text>
        </span>
      }
      extra={[
        <Button
          key="receipt"
          type="primary"
          icon={<DownloadOutlined />}
          onClick={() => caseApi.notice(number, 'receipt').catch(showError)}
          data-testid="apply-receipt-download"
        >
          {t('apply.downloadReceipt')}
        </Button>,
        <Link key="case" to={`/app/cases/${number}`}>
          <Button data-testid="apply-view-case">{t('apply.viewCase')}</Button>
        </Link>,
      ]}
    />
  );
}
