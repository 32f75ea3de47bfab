import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Result, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useShowError } from '../../components/useShowError.ts';
import { useLang, useT } from '../../i18n.ts';
import type { CaseDetail } from '../../api/types.ts';
import { caseApi } from './caseApi.ts';

/**
 * After submitting: the case number, the receipt to download, and the way to the case. When the item's rules decided
 * at submission (秒批, `ruled`: the case as the submission answered it): granted → the licence at once and why; not
 * granted → the case goes to people, and why.
 */
export function ApplyReceipt({ number, ruled }: { number: string; ruled?: CaseDetail }) {
  const t = useT();
  const { lang } = useLang();
  const showError = useShowError();
  const decision = ruled?.ruleDecisions.at(-1);
  const instant = Boolean(decision && ruled?.status === 'decided');
  // Sent to people: the reason the case recorded (the conditions, or materials the window still needs).
  const referred = ruled?.timeline.filter((e) => e.type === 'rules_referred').at(-1)?.data.reason;
  const why = decision ? (!instant && lang === 'zh' && referred ? referred : lang === 'zh' ? decision.explanationZh : decision.explanationEn) : null;
  return (
    <Result
      status="success"
      title={instant ? t('apply.instantTitle') : t('apply.receiptTitle')}
      subTitle={
        <span data-testid="apply-receipt">
          {t('apply.receiptText', { number })}
          <br />
          <Typography.Text strong copyable className="mono" data-testid="apply-receipt-number">
            {number}
          </Typography.Text>
          {instant && ruled?.license && (
            <>
              <br />
              {t('case.licenseIssued')}：
              <Typography.Text className="mono break-all" data-testid="apply-instant-license">
                {ruled.license.identifier}
              </Typography.Text>
            </>
          )}
          {decision && why && (
            <Alert
              className="block-gap"
              type={instant ? 'success' : 'warning'}
              showIcon
              title={t(instant ? 'case.rules.granted' : 'case.rules.referred')}
              description={<span data-testid="apply-instant-explanation">{why}</span>}
              data-testid="apply-instant"
              data-outcome={decision.outcome}
            />
          )}
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
