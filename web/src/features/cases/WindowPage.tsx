import { CheckOutlined, EditOutlined, FormOutlined, PlusOutlined, SendOutlined, StarOutlined, StopOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Modal, Popconfirm, Segmented, Select, Space, Tag } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useLang, useT } from '../../i18n.ts';
import { levelLabel, useRatingOptions } from '../ratings/index.tsx';
import { caseApi } from './caseApi.ts';
import { CaseStatusTag } from './caseTags.tsx';
import { ClockCell } from './ClockView.tsx';
import { FilePick } from './FilePick.tsx';
import { caseNumberColumn, QueueSearch, useWorkbench } from './queue.tsx';
import { useCaseAction } from './useCaseAction.ts';
import { CaseDrawer } from './CaseDrawer.tsx';
import { CorrectionModal, DeliverModal, GapsModal, RefuseModal } from './actionModals.tsx';
import type { CaseDetail, CaseListItem, SearchHit } from '../../api/types.ts';

type Kind = 'acceptance' | 'delivery';
type Dialog = 'gaps' | 'correction' | 'refuse' | 'deliver' | null;

/**
 * 综合窗口: the acceptance and delivery queues of the region, most urgent first, searchable by case number or
 * applicant; a case opens beside with the window's actions; applications are entered here for people at the counter.
 */
export default function WindowPage() {
  const t = useT();
  const workbench = useWorkbench();
  const { params, setParam, reloadKey, refresh } = workbench;
  const kind: Kind = params.get('kind') === 'delivery' ? 'delivery' : 'acceptance';
  const open = params.get('case');
  const [picking, setPicking] = useState(false);

  const columns: TableColumnsType<CaseListItem> = [
    caseNumberColumn(t, (n) => setParam('case', n)),
    { title: t('case.applicant'), dataIndex: 'applicantName' },
    { title: t('case.item'), dataIndex: 'implementationName' },
    {
      title: t('case.status'),
      dataIndex: 'status',
      render: (s: CaseListItem['status'], c) => <CaseStatusTag status={s} testId={`queue-status-${c.number}`} />,
    },
    { title: t('case.receivedOn'), dataIndex: 'receivedOn', render: (v: string | null) => v ?? '—' },
    { title: t('case.clock'), key: 'clock', render: (_, c) => <ClockCell clock={c.clock} /> },
  ];

  return (
    <>
      <PageTitle
        title={t('nav.window')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setPicking(true)} data-testid="window-new">
            {t('window.newApplication')}
          </Button>
        }
      />
      <div className="toolbar">
        <Segmented<Kind>
          value={kind}
          onChange={(v) => setParam('kind', v === 'acceptance' ? null : v)}
          options={[
            { value: 'acceptance', label: t('window.acceptance') },
            { value: 'delivery', label: t('window.delivery') },
          ]}
          data-testid="window-kind"
        />
        <QueueSearch workbench={workbench} testId="window-search" />
      </div>
      <DataTable<CaseListItem>
        columns={columns}
        rowKey={(c) => c.number}
        load={() => api.get('/api/cases/queue', { params: { query: { kind, q: params.get('q') ?? undefined } } })}
        query={{ kind, q: params.get('q') }}
        reloadKey={reloadKey}
        clientPaging
        testId="window-queue"
        tableProps={{ rowClassName: (c) => `warning-row-${c.clock.warning}` }}
      />
      <CaseDrawer
        number={open}
        onClose={() => setParam('case', null)}
        onChanged={refresh}
        actions={(d, reload) => <WindowActions detail={d} reload={reload} />}
        materialExtra={(d, m) => <WindowMaterial detail={d} materialKey={m.key} onDone={refresh} />}
      />
      <ItemPicker open={picking} onClose={() => setPicking(false)} />
    </>
  );
}

/** At the counter the clerk takes in the materials of an application entered at the window, before accepting it. */
function WindowMaterial({ detail: d, materialKey, onDone }: { detail: CaseDetail; materialKey: string; onDone: () => void }) {
  const t = useT();
  const m = d.materials.find((x) => x.key === materialKey)!;
  if (d.channel !== 'window' || d.status !== 'submitted') return null;
  return (
    <FilePick
      testId={`window-file-${m.key}`}
      label={m.mode === 'upload' ? t('material.reupload') : t('material.upload')}
      onPick={async (file) => {
        await caseApi.upload(d.number, m.key, file);
        onDone();
      }}
    />
  );
}

function WindowActions({ detail: d, reload }: { detail: CaseDetail; reload: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const run = useCaseAction(reload);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const modalProps = { detail: d, onClose: close, onDone: reload };
  // The counter rating (一次一评) is given once: then the window shows it instead of offering the tablet again.
  const counterRating = d.ratings.find((r) => r.kind === 'onsite' && r.assessNumber === 1);
  const options = useRatingOptions();
  const { lang } = useLang();
  return (
    <Space wrap>
      {d.allowedActions.includes('accept') && (
        <>
          <Popconfirm
            title={t('window.acceptConfirm')}
            okText={t('window.accept')}
            cancelText={t('common.cancel')}
            okButtonProps={{ 'data-testid': 'accept-confirm' } as ButtonProps}
            onConfirm={() => run(() => caseApi.act(d.number, 'accept', { version: d.version }), t('window.accepted'))}
          >
            <Button type="primary" icon={<CheckOutlined />} data-testid="window-accept">
              {t('window.accept')}
            </Button>
          </Popconfirm>
          <Button icon={<CheckOutlined />} onClick={() => setDialog('gaps')} data-testid="window-accept-gaps">
            {t('window.acceptGaps')}
          </Button>
          <Button icon={<WarningOutlined />} onClick={() => setDialog('correction')} data-testid="window-correction">
            {t('window.correction')}
          </Button>
        </>
      )}
      {d.allowedActions.includes('refuse') && (
        <Button danger icon={<StopOutlined />} onClick={() => setDialog('refuse')} data-testid="window-refuse">
          {t('window.refuse')}
        </Button>
      )}
      {d.status === 'submitted' && d.channel === 'window' && (
        <Link to={`/app/apply/${encodeURIComponent(d.implementation.code)}?case=${d.number}`}>
          <Button icon={<EditOutlined />}>{t('case.materials')}</Button>
        </Link>
      )}
      {d.allowedActions.includes('deliver') && (
        <Button type="primary" icon={<SendOutlined />} onClick={() => setDialog('deliver')} data-testid="window-deliver">
          {t('window.deliver')}
        </Button>
      )}
      {d.status !== 'draft' && !counterRating && (
        <Button icon={<StarOutlined />} onClick={() => navigate(`/app/window/rate/${d.number}`)} data-testid="window-rate">
          {t('rating.rateAtCounter')}
        </Button>
      )}
      {counterRating && (
        <Tag icon={<StarOutlined />} color={counterRating.level === '4' || counterRating.level === '5' ? 'error' : 'success'} data-testid="window-rated">
          {t('rating.ratedAtCounter', { level: levelLabel(options, counterRating.level, lang) })}
        </Tag>
      )}
      <GapsModal {...modalProps} open={dialog === 'gaps'} />
      <CorrectionModal {...modalProps} open={dialog === 'correction'} action="request-correction" />
      <RefuseModal {...modalProps} open={dialog === 'refuse'} />
      <DeliverModal {...modalProps} open={dialog === 'deliver'} />
    </Space>
  );
}

type ItemHit = SearchHit;

/** Picks the published item an applicant at the counter applies for. */
function ItemPicker({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [code, setCode] = useState<string>();
  const hits = useRemote(
    () => (q.trim() ? api.get('/api/items', { params: { query: { q: q.trim(), pageSize: 20 } } }) : Promise.resolve({ items: [] as ItemHit[] })),
    [q],
  );
  return (
    <Modal
      open={open}
      title={t('window.pickItem')}
      onCancel={onClose}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !code, 'data-testid': 'pick-item-ok' } as ButtonProps}
      onOk={() => code && navigate(`/app/apply/${encodeURIComponent(code)}`)}
      destroyOnHidden
    >
      <Select
        showSearch={{ filterOption: false, onSearch: setQ }}
        value={code}
        onChange={setCode}
        placeholder={t('window.pickItemPlaceholder')}
        loading={hits.loading}
        style={{ width: '100%' }}
        suffixIcon={<FormOutlined />}
        options={(hits.data?.items ?? []).map((i) => ({ value: i.code, label: `${i.name}（${i.department}）` }))}
        data-testid="pick-item"
      />
    </Modal>
  );
}
