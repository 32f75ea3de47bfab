import { RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Skeleton, Space, Steps, Table, Tag } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useShowError } from '../../components/useShowError.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import { FilePick } from '../cases/index.tsx';
import type { Reply } from '../../api/types.ts';
import { bundleCaseApi } from './bundleCaseApi.ts';
import { BundleCaseStatusTag, MemberStatusTag } from './bundleCaseTags.tsx';
import { BundleWindowPanel, WarningTag } from './BundleWindowPanel.tsx';

type Detail = Reply<'/api/bundle-cases/{number}'>;

/**
 * One bundle case as one thing: its members' progress (each links to its case), the one set of materials (each
 * supplied once for every member asking for it) and the one submission, and withdrawal of the whole.
 */
export default function BundleCasePage() {
  const t = useT();
  const { lang } = useLang();
  const { number = '' } = useParams();
  const { message } = App.useApp();
  const showError = useShowError();
  const remote = useRemote(() => bundleCaseApi.get(number), [number]);
  const d = remote.data;
  const [busy, setBusy] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');

  const run = async (f: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await f();
      message.success(done);
      remote.reload();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  const names = new Map((d?.members ?? []).map((m) => [m.key, m.name]));
  const draft = d?.status === 'draft';

  return (
    <>
      <PageTitle
        title={d ? d.bundleName : t('nav.myBundles')}
        extra={
          <Space>
            {d?.maySubmit && (
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={busy}
                data-testid="bundle-case-submit"
                onClick={() => run(() => bundleCaseApi.submit(number, d.version), t('bundleCase.submitted'))}
              >
                {t('bundleCase.submit')}
              </Button>
            )}
            {d?.mayWithdraw && (
              <Button danger icon={<RollbackOutlined />} data-testid="bundle-case-withdraw" onClick={() => setWithdrawing(true)}>
                {t('bundleCase.withdraw')}
              </Button>
            )}
            <Link to="/app/my-bundles">
              <Button>{t('nav.myBundles')}</Button>
            </Link>
          </Space>
        }
      />
      {remote.error !== undefined && <Alert type="error" showIcon title={t('common.loadFailed')} description={errorText(remote.error, lang)} />}
      {remote.loading && !d && <Skeleton active />}
      {d && (
        <>
          <Descriptions bordered size="small" column={1} data-testid="bundle-case">
            <Descriptions.Item label={t('bundleCase.number')}>
              <span className="mono" data-testid="bundle-case-number">
                {d.number}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('bundleCase.statusLabel')}>
              <BundleCaseStatusTag status={d.status} testId="bundle-case-status" />
            </Descriptions.Item>
            <Descriptions.Item label={t('bundleCase.applicant')}>{d.applicantName}</Descriptions.Item>
            {d.withdrawnReason && <Descriptions.Item label={t('bundleCase.withdrawnReason')}>{d.withdrawnReason}</Descriptions.Item>}
          </Descriptions>
          {draft && <Alert className="block-gap" type="info" showIcon title={t('bundleCase.draftHint')} />}
          <Steps className="block-gap" size="small" items={d.steps.map((s) => ({ title: s }))} />
          <Card title={t('bundleCase.members')} className="block-gap">
            <Table<Detail['members'][number]>
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={d.members}
              scroll={{ x: 'max-content' }}
              data-testid="bundle-case-members"
              columns={[
                { title: t('bundles.members'), dataIndex: 'name' },
                { title: t('bundleCase.department'), dataIndex: 'departmentName' },
                {
                  title: t('bundleCase.caseNumber'),
                  dataIndex: 'number',
                  render: (n: string) => (
                    <Link to={`/app/cases/${n}`} className="mono">
                      {n}
                    </Link>
                  ),
                },
                {
                  title: t('bundles.flow'),
                  key: 'flow',
                  render: (_: unknown, m) =>
                    m.dependsOn.length ? t('bundles.waitsFor', { names: m.dependsOn.map((k) => names.get(k) ?? k).join('、') }) : t('bundles.parallel'),
                },
                {
                  title: t('bundleCase.statusLabel'),
                  key: 'status',
                  render: (_: unknown, m) => <MemberStatusTag status={m.status} waiting={m.waiting} testId={`bundle-member-${m.key}`} />,
                },
                {
                  title: t('bundleWindow.deadline'),
                  key: 'deadline',
                  render: (_: unknown, m) => {
                    const c = d.window.memberClocks.find((x) => x.key === m.key);
                    return c?.deadline ? (
                      <Space size={4}>
                        <span data-testid={`bundle-member-deadline-${m.key}`}>{c.deadline}</span>
                        {c.warning !== 'none' && <WarningTag warning={c.warning} />}
                        {c.paused && <Tag>{t('bundleWindow.paused')}</Tag>}
                      </Space>
                    ) : (
                      '—'
                    );
                  },
                },
              ]}
            />
          </Card>
          <BundleWindowPanel d={d} reload={remote.reload} />
          <Card title={t('bundles.mergedMaterials')} className="block-gap">
            <Table<Detail['materials'][number]>
              size="small"
              pagination={false}
              rowKey="identity"
              dataSource={d.materials}
              data-testid="bundle-case-materials"
              columns={[
                { title: t('bundles.mergedMaterials'), dataIndex: 'name' },
                {
                  title: '',
                  key: 'state',
                  render: (_: unknown, m, i) => (
                    <span data-testid={`bundle-material-state-${i}`} data-state={m.exempt ? 'exempt' : (m.supplied ?? 'none')}>
                      {m.exempt ? (
                        <Tag color="green">{t(`bundles.exempt.${m.exempt}`)}</Tag>
                      ) : m.supplied ? (
                        <Tag color="blue">{t(m.supplied === 'pledge' ? 'bundleCase.pledged' : 'bundleCase.uploaded')}</Tag>
                      ) : (
                        <Tag>{t(m.required ? 'bundleCase.toSupply' : 'bundleCase.optional')}</Tag>
                      )}
                    </span>
                  ),
                },
                { title: '', key: 'members', render: (_: unknown, m) => (m.members.length > 1 ? t('bundles.askedBy', { count: m.members.length }) : '') },
                {
                  title: '',
                  key: 'act',
                  render: (_: unknown, m, i) =>
                    (draft || d.window.mayResubmit) && m.exempt !== 'upstream' ? (
                      <Space>
                        <FilePick
                          testId={`bundle-material-file-${i}`}
                          label={t('bundleCase.upload')}
                          onPick={async (file) => {
                            await bundleCaseApi.upload(number, m.identity, file);
                            message.success(t('bundleCase.uploaded'));
                            remote.reload();
                          }}
                        />
                        {draft && (
                          <Button
                            size="small"
                            data-testid={`bundle-material-pledge-${i}`}
                            onClick={() => run(() => bundleCaseApi.pledge(number, m.identity), t('bundleCase.pledged'))}
                          >
                            {t('bundleCase.pledge')}
                          </Button>
                        )}
                      </Space>
                    ) : null,
                },
              ]}
            />
          </Card>
        </>
      )}
      <Modal
        open={withdrawing}
        title={t('bundleCase.withdraw')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: busy, 'data-testid': 'bundle-withdraw-ok' } as ButtonProps}
        onCancel={() => setWithdrawing(false)}
        onOk={() =>
          d &&
          run(async () => {
            await bundleCaseApi.withdraw(number, d.version, reason.trim());
            setWithdrawing(false);
          }, t('bundleCase.withdrawn'))
        }
      >
        <p>{t('bundleCase.withdrawHint')}</p>
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} data-testid="bundle-withdraw-reason" />
      </Modal>
    </>
  );
}
