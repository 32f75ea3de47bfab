import { ArrowLeftOutlined, EditOutlined, IdcardOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Descriptions, Form, Grid, Input, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { useCan } from '../../auth.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, formatDateTime, useLang, useT } from '../../i18n.ts';
import { verifyPath } from '../licenses/index.tsx';
import { indicatorName, LEVEL_ICON, RatingForm, levelLabel, useRatingOptions } from '../ratings/index.tsx';
import { caseApi } from './caseApi.ts';
import { issuedLicense } from './caseFacts.ts';
import { CorrectionAnswer } from './CorrectionAnswer.tsx';
import { CaseSummary, FormDataView, MaterialList, NoticeButtons, SpecialProcedureAlert } from './CaseDetails.tsx';
import { CaseTimeline } from './CaseTimeline.tsx';
import { RuleDecisionCard } from './RuleDecisionCard.tsx';
import { ClockView } from './ClockView.tsx';
import { FilePick } from './FilePick.tsx';
import type { CaseDetail, CaseRating } from '../../api/types.ts';

/** One case as its applicant sees it: what to do next, the clock, materials, timeline, notices, and the rating. */
export default function CasePage() {
  const t = useT();
  const { lang } = useLang();
  const { number = '' } = useParams();
  const can = useCan();
  const remote = useRemote(() => caseApi.get(number), [number]);
  const [withdrawing, setWithdrawing] = useState(false);
  const d = remote.data;

  if (remote.error !== undefined && !d) {
    const missing = remote.error instanceof ApiError && (remote.error.status === 404 || remote.error.status === 400);
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? '404' : t('common.loadFailed')}
        subTitle={missing ? t('case.notFound') : errorText(remote.error, lang)}
        data-testid="case-missing"
      />
    );
  }
  if (!d) return <Skeleton active paragraph={{ rows: 12 }} />;

  const isApplicant = can('cases.apply');
  const license = issuedLicense(d);

  return (
    <div className="case-page" data-testid="case-page" data-status={d.status} data-version={d.version}>
      {isApplicant && (
        <Link to="/app/cases" className="guide-back">
          <ArrowLeftOutlined /> {t('nav.cases')}
        </Link>
      )}
      <PageTitle
        title={<span data-testid="case-title">{d.implementation.name}</span>}
        extra={
          d.allowedActions.includes('withdraw') && (
            <Button icon={<RollbackOutlined />} onClick={() => setWithdrawing(true)} data-testid="case-withdraw">
              {t('case.withdraw')}
            </Button>
          )
        }
      />
      <Card className="block-gap">
        <CaseSummary detail={d} />
      </Card>

      {isApplicant && d.next && <NextStep detail={d} reload={remote.reload} />}
      <SpecialProcedureAlert detail={d} />
      {license && (
        <Alert
          className="block-gap"
          type="success"
          showIcon
          icon={<IdcardOutlined />}
          title={t('case.licenseIssued')}
          description={<span className="mono break-all small-text">{license}</span>}
          action={
            <Space orientation="vertical" size={4}>
              {isApplicant && (
                <Link to="/app/licenses">
                  <Button size="small" type="primary" data-testid="case-wallet">
                    {t('case.viewWallet')}
                  </Button>
                </Link>
              )}
              <Link to={verifyPath(license, d.license?.verifyCode ?? undefined)} target="_blank" data-testid="case-license-verify">
                <Button size="small">{t('license.verify')}</Button>
              </Link>
            </Space>
          }
          data-testid="case-license"
        />
      )}

      <RuleDecisionCard detail={d} />

      <Card title={t('case.clock')} className="block-gap">
        <ClockView clock={d.clock} />
      </Card>

      {d.allowedActions.includes('rate') && <CaseRatingCard detail={d} reload={remote.reload} />}

      <Card title={t('case.notices')} className="block-gap">
        <NoticeButtons detail={d} />
      </Card>

      <Card title={t('case.materials')} className="block-gap">
        <MaterialList detail={d} />
      </Card>

      <Collapse
        className="block-gap"
        items={[{ key: 'form', label: t('case.form'), children: <FormDataView detail={d} /> }]}
        data-testid="case-form-collapse"
      />

      <Card title={t('case.timeline')} className="block-gap">
        <CaseTimeline detail={d} />
      </Card>

      <FormModal<{ reason: string }>
        open={withdrawing}
        title={t('case.withdraw')}
        onSubmit={(v) => caseApi.act(d.number, 'withdraw', { version: d.version, reason: v.reason.trim() })}
        onClose={() => setWithdrawing(false)}
        onDone={remote.reload}
        successText={t('case.withdrawn')}
        okText={t('case.withdraw')}
        testId="withdraw"
      >
        <Form.Item name="reason" label={t('case.withdrawReason')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="withdraw-reason" />
        </Form.Item>
      </FormModal>
    </div>
  );
}

/**
 * 好差评 on the case: the form until the applicant has rated (PC or mobile, by the width of the screen); then what
 * they gave, the department's answer to it, and the one follow-up rating (追评) the rules allow. A rating given at
 * the counter is shown too.
 */
function CaseRatingCard({ detail: d, reload }: { detail: CaseDetail; reload: () => void }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const channel = screens.md === false ? '2' : '1';
  const [thanked, setThanked] = useState(false);
  const [followingUp, setFollowingUp] = useState(false);
  const online = d.ratings.filter((r) => r.kind === 'online');
  const first = online.find((r) => r.assessNumber === 1);
  const second = online.find((r) => r.assessNumber === 2);
  const done = () => {
    setThanked(true);
    setFollowingUp(false);
    reload();
  };
  return (
    <Card title={t('rating.title')} className="block-gap" data-testid="case-rating">
      {thanked && <Alert type="success" showIcon className="block-gap" title={t('rating.thanks')} data-testid="rate-thanks" />}
      {!first ? (
        <RatingForm number={d.number} channel={channel} onDone={done} />
      ) : (
        <>
          <GivenRating rating={first} title={t('rating.yours')} testId="rating-given-1" />
          {second ? (
            <GivenRating rating={second} title={t('rating.yoursFollowUp')} testId="rating-given-2" />
          ) : followingUp ? (
            <>
              <Typography.Title level={5}>{t('rating.followUpTitle')}</Typography.Title>
              <RatingForm number={d.number} channel={channel} followUp onDone={done} />
            </>
          ) : (
            !first.isDefault && (
              <Space orientation="vertical" className="block-gap">
                <Typography.Text type="secondary">{t('rating.followUpHint')}</Typography.Text>
                <Button onClick={() => setFollowingUp(true)} data-testid="rate-follow-up">
                  {t('rating.followUp')}
                </Button>
              </Space>
            )
          )}
        </>
      )}
      {d.ratings
        .filter((r) => r.kind === 'onsite')
        .map((r) => (
          <GivenRating key={`onsite-${r.assessNumber}`} rating={r} title={t('rating.atCounter')} testId={`rating-given-onsite-${r.assessNumber}`} />
        ))}
    </Card>
  );
}

/** A rating as given: level, indicators, comment and when, with the department's answer below it. */
function GivenRating({ rating: r, title, testId }: { rating: CaseRating; title: string; testId: string }) {
  const t = useT();
  const { lang } = useLang();
  const options = useRatingOptions();
  return (
    <div className="block-gap" data-testid={testId}>
      <Typography.Text strong>{title}</Typography.Text>
      <Descriptions size="small" column={1} className="block-gap">
        <Descriptions.Item label={t('rating.level')}>
          <Space wrap>
            <Tag color={r.level === '4' || r.level === '5' ? 'error' : r.level === '3' ? 'default' : 'success'} icon={LEVEL_ICON[r.level]}>
              {levelLabel(options, r.level, lang)}
            </Tag>
            {r.isDefault && <Typography.Text type="secondary">{t('rating.byDefault')}</Typography.Text>}
            {r.anonymous && <Tag>{t('rating.anonymousMark')}</Tag>}
            <Typography.Text type="secondary">{formatDateTime(r.at, lang)}</Typography.Text>
          </Space>
        </Descriptions.Item>
        {r.indicators.length > 0 && (
          <Descriptions.Item label={t('rating.indicators')}>
            {r.indicators.map((code) => indicatorName(options, code, lang)).join(lang === 'zh' ? '、' : ', ')}
          </Descriptions.Item>
        )}
        {r.comment && <Descriptions.Item label={t('rating.comment')}>{r.comment}</Descriptions.Item>}
        {r.reply && (
          <Descriptions.Item label={t('rating.reply')}>
            <span data-testid={`${testId}-reply`}>{r.reply}</span>
            {r.repliedAt && <Typography.Text type="secondary"> · {formatDateTime(r.repliedAt, lang)}</Typography.Text>}
          </Descriptions.Item>
        )}
      </Descriptions>
    </div>
  );
}

/** What the applicant has to do now: continue the draft, answer the correction, supply gaps, or wait. */
function NextStep({ detail: d, reload }: { detail: CaseDetail; reload: () => void }) {
  const t = useT();
  const upload = (key: string) => async (file: File) => {
    await caseApi.upload(d.number, key, file);
    reload();
  };

  if (d.next === 'submit') {
    return (
      <Alert
        className="block-gap"
        type="info"
        showIcon
        title={t('case.nextTitle')}
        description={t('case.next.submit')}
        action={
          <Link to={`/app/apply/${encodeURIComponent(d.implementation.code)}?case=${d.number}`}>
            <Button type="primary" icon={<EditOutlined />} data-testid="case-continue">
              {t('case.continue')}
            </Button>
          </Link>
        }
        data-testid="case-next"
        data-next={d.next}
      />
    );
  }
  if (d.next === 'await_delivery') {
    return <Alert className="block-gap" type="success" showIcon title={t('case.next.await_delivery')} data-testid="case-next" data-next={d.next} />;
  }
  if (d.next === 'supply_gaps') {
    const gaps = d.materials.filter((m) => m.mode === 'gap');
    return (
      <Card title={t('case.nextTitle')} className="block-gap case-next-card" data-testid="case-next" data-next={d.next}>
        <Typography.Paragraph>{t('case.next.supply_gaps')}</Typography.Paragraph>
        {gaps.map((m) => (
          <div key={m.key} className="material-row">
            <div className="material-row-main">
              <Typography.Text strong>{m.name}</Typography.Text>
              {m.gapDueOn && <div className="small-text">{t('material.gapDue', { date: m.gapDueOn })}</div>}
            </div>
            <FilePick testId={`gap-file-${m.key}`} label={t('material.upload')} primary onPick={upload(m.key)} />
          </div>
        ))}
      </Card>
    );
  }
  // answer_correction: each listed item answered, then confirmed
  return <CorrectionAnswer detail={d} reload={reload} />;
}
