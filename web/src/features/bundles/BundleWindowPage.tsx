import { Alert, Empty, Segmented, Skeleton, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import type { Reply } from '../../api/types.ts';
import { bundleCaseApi } from './bundleCaseApi.ts';

type Item = Reply<'/api/bundle-cases/window'>['items'][number];
type Stage = 'acceptance' | 'correction' | 'handling' | 'delivery';

/**
 * The general window's bundle cases (一窗受理, 一窗出件; ADR 0037): those to accept once, those told to correct, those
 * the departments are handling, and those whose results are to be delivered once. Each opens the bundle case.
 */
export default function BundleWindowPage() {
  const t = useT();
  const { lang } = useLang();
  const [stage, setStage] = useState<Stage>('acceptance');
  const remote = useRemote(() => bundleCaseApi.queue(stage), [stage]);
  const items = remote.data?.items ?? [];
  return (
    <>
      <PageTitle title={t('nav.bundleWindow')} />
      <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
        <Segmented<Stage>
          value={stage}
          onChange={setStage}
          data-testid="bundle-window-stage-filter"
          options={(['acceptance', 'correction', 'handling', 'delivery'] as const).map((s) => ({ value: s, label: t(`bundleWindow.stage.${s}`) }))}
        />
      </div>
      {remote.error !== undefined && <Alert type="error" showIcon title={t('common.loadFailed')} description={errorText(remote.error, lang)} />}
      {remote.loading && !remote.data && <Skeleton active />}
      {!remote.loading && items.length === 0 && <Empty description={t('bundleWindow.empty')} />}
      {items.length > 0 && (
        <Table<Item>
          className="block-gap"
          size="small"
          rowKey="number"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={items}
          data-testid="bundle-window-queue"
          columns={[
            {
              title: t('bundleCase.number'),
              dataIndex: 'number',
              render: (n: string) => (
                <Link to={`/app/bundle-cases/${n}`} className="mono" data-testid={`bundle-window-item-${n}`}>
                  {n}
                </Link>
              ),
            },
            { title: t('nav.bundles'), dataIndex: 'bundleName' },
            { title: t('bundleCase.applicant'), key: 'applicant', render: (_: unknown, i) => `${i.applicantName}（${i.applicantIdNumberMasked}）` },
            { title: t('bundleWindow.stage'), key: 'stage', render: (_: unknown, i) => <Tag color="blue">{t(`bundleWindow.stage.${i.stage}`)}</Tag> },
            { title: t('bundleWindow.membersDone'), key: 'members', render: (_: unknown, i) => `${i.membersClosed} / ${i.members}` },
          ]}
        />
      )}
    </>
  );
}
