import {
  CheckOutlined,
  CopyOutlined,
  EyeOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  RollbackOutlined,
  SaveOutlined,
  SendOutlined,
  StopOutlined,
  ArrowLeftOutlined,
  BranchesOutlined,
} from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, ConfigProvider, Descriptions, Form, Input, Modal, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api.ts';
import { useCan } from '../../auth.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import type { MessageKey } from '../../i18n.ts';
import { StatusTag, cleaned, elementErrors, elementLabel, statusLabel, tabOfElement, useCodeList, withDefaults } from './catalog.tsx';
import type { EditorTab, ElementError } from './catalog.tsx';
import { BasicTab } from './editor/BasicTab.tsx';
import { ErrorsContext } from './editor/Field.tsx';
import { FormDesigner } from './editor/FormDesigner.tsx';
import { InspectionTab } from './editor/InspectionTab.tsx';
import { MaterialsTab } from './editor/MaterialsTab.tsx';
import { StepsTab } from './editor/StepsTab.tsx';
import { VersionsTab } from './editor/VersionsTab.tsx';
import type { Content, Version } from '../../api/types.ts';

type Action = 'submit' | 'approve' | 'reject' | 'suspend' | 'resume' | 'abolish';
/** Actions that carry the latest version row's version; the others carry the implementation row's. */
const ON_VERSION: Action[] = ['submit', 'approve', 'reject'];
/** Actions that need a reason. */
const NEEDS_NOTE: Action[] = ['reject', 'suspend', 'abolish'];

/** The editor of one implementation: its elements in tabs, its lifecycle actions and its history. */
export default function EditorPage() {
  const t = useT();
  const { lang } = useLang();
  const { message, modal } = App.useApp();
  const { id = '' } = useParams();
  const can = useCan();
  const canEdit = can('catalog.edit');
  const canReview = can('catalog.review');
  const itemTypes = useCodeList('item_type');

  const remote = useRemote(() => api.get('/api/catalog/implementations/{id}', { params: { path: { id: Number(id) } } }), [id]);
  const detail = remote.data;
  const latest: Version | undefined = detail?.versions[0];

  const [content, setContent] = useState<Content>();
  const [baseline, setBaseline] = useState('');
  const [errors, setErrors] = useState<ElementError[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const [tab, setTab] = useState<EditorTab>('basic');
  const [busy, setBusy] = useState<string>();
  const [noteAction, setNoteAction] = useState<Action>();
  const [note, setNote] = useState('');

  // A loaded (or reloaded) version replaces what the editor holds, in the same render (an effect would leave a
  // moment where the new version shows the old content and an edit made then would be overwritten).
  const [loadedKey, setLoadedKey] = useState('');
  const latestKey = latest ? `${latest.id}:${latest.version}:${latest.status}` : '';
  if (latest && latestKey !== loadedKey) {
    const c = withDefaults(latest.content);
    setLoadedKey(latestKey);
    setContent(c);
    setBaseline(JSON.stringify(c));
  }

  const isDirty = content !== undefined && JSON.stringify(content) !== baseline;
  useEffect(() => {
    if (!isDirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);

  if (remote.error !== undefined && !detail) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('common.loadFailed')}
        description={errorText(remote.error, lang)}
        action={<Button onClick={remote.reload}>{t('common.retry')}</Button>}
        data-testid="editor-load-error"
      />
    );
  }
  if (!detail || !latest || !content) return <Skeleton active paragraph={{ rows: 10 }} />;

  // after an action the versions are stale until the reload arrives: the buttons wait for it
  const isRefreshing = remote.loading;
  const isDraft = latest.status === 'draft';
  const readOnly = !canEdit || !isDraft;

  const clearErrors = () => {
    setErrors([]);
    setFailure(undefined);
  };

  /** Shows an API error: beside the elements it names, and in the alert at the top. */
  const fail = (err: unknown) => {
    if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
      message.warning(`${errorText(err, lang)} ${t('common.conflict')}`, 6);
      remote.reload();
      return;
    }
    const placed = elementErrors(err, lang, content);
    setFailure(err);
    setErrors(placed);
    if (placed.length && !placed.some((e) => tabOfElement(e.element) === tab)) setTab(tabOfElement(placed[0].element));
  };

  const run = async (key: string, work: () => Promise<unknown>, success: string) => {
    setBusy(key);
    clearErrors();
    try {
      await work();
      message.success(success);
      remote.reload();
      return true;
    } catch (err) {
      fail(err);
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  const saveDraft = () =>
    api.put('/api/catalog/implementations/{id}/draft', { params: { path: { id: detail.id } }, body: { content: cleaned(content), version: latest.version } });
  const save = () => run('save', saveDraft, t('editor.saved'));

  const act = (action: Action, reason?: string) =>
    run(
      action,
      async () => {
        let version = ON_VERSION.includes(action) ? latest.version : detail.version;
        // submitting what is on screen: save the changes first
        if (action === 'submit' && isDirty) version = (await saveDraft()).version;
        await api.post(`/api/catalog/implementations/{id}/${action}`, {
          params: { path: { id: detail.id } },
          body: { version, note: reason?.trim() || undefined },
        });
      },
      t('editor.done'),
    );

  const confirm = (title: string, onOk: () => Promise<unknown>) =>
    modal.confirm({ title, okText: t('common.ok'), cancelText: t('common.cancel'), onOk, okButtonProps: { 'data-testid': 'confirm-ok' } as never });

  const openNote = (action: Action) => {
    setNote('');
    setNoteAction(action);
  };
  const finishNote = async () => {
    if (!noteAction) return;
    if (NEEDS_NOTE.includes(noteAction) && !note.trim()) return;
    const ok = await act(noteAction, note);
    if (ok) setNoteAction(undefined);
  };

  const newVersion = () =>
    confirm(t('editor.confirm.newVersion'), () =>
      run(
        'newVersion',
        () => api.post('/api/catalog/implementations/{id}/versions', { params: { path: { id: detail.id } }, body: { version: detail.version } }),
        t('editor.done'),
      ).then(() => setTab('basic')),
    );
  const adopt = () =>
    confirm(t('editor.confirm.adopt'), () =>
      run(
        'adopt',
        () => api.post('/api/catalog/implementations/{id}/adopt-template', { params: { path: { id: detail.id } }, body: { version: detail.version } }),
        t('editor.done'),
      ),
    );

  const button = (
    key: string,
    label: MessageKey,
    icon: ReactNode,
    onClick: () => void,
    extra: { primary?: boolean; danger?: boolean; disabled?: boolean } = {},
  ) => (
    <Button
      key={key}
      type={extra.primary ? 'primary' : 'default'}
      danger={extra.danger}
      icon={icon}
      loading={busy === key}
      disabled={(busy !== undefined && busy !== key) || isRefreshing || extra.disabled}
      onClick={onClick}
      data-testid={`editor-${key}`}
    >
      {t(label)}
    </Button>
  );

  const live = detail.status; // the implementation: draft (never published), published, suspended, abolished
  const buttons: ReactNode[] = [];
  if (canEdit && isDraft) {
    buttons.push(button('save', 'editor.save', <SaveOutlined />, save, { disabled: !isDirty }));
    buttons.push(button('submit', 'editor.submit', <SendOutlined />, () => void act('submit'), { primary: true }));
  }
  if (canReview && latest.status === 'in_review') {
    buttons.push(button('approve', 'editor.approve', <CheckOutlined />, () => openNote('approve'), { primary: true }));
    buttons.push(button('reject', 'editor.reject', <RollbackOutlined />, () => openNote('reject')));
  }
  if (canEdit && (latest.status === 'published' || latest.status === 'suspended') && live !== 'abolished') {
    buttons.push(button('newVersion', 'editor.newVersion', <CopyOutlined />, newVersion, { primary: true }));
  }
  if (canEdit && detail.baseItem.template && Object.keys(detail.baseItem.template).length > 0 && latest.status !== 'in_review' && live !== 'abolished') {
    buttons.push(button('adopt', 'editor.adoptTemplate', <BranchesOutlined />, adopt));
  }
  if (canReview && live === 'published') buttons.push(button('suspend', 'editor.suspend', <PauseCircleOutlined />, () => openNote('suspend')));
  if (canReview && live === 'suspended') {
    buttons.push(button('resume', 'editor.resume', <PlayCircleOutlined />, () => confirm(t('editor.confirm.resume'), () => act('resume'))));
  }
  if (canReview && live !== 'abolished' && latest.status !== 'in_review') {
    buttons.push(button('abolish', 'editor.abolish', <StopOutlined />, () => openNote('abolish'), { danger: true }));
  }

  const onChange = (patch: Partial<Content>) => {
    setContent((c) => (c ? { ...c, ...patch } : c));
    // an element being changed drops the server's complaint about it
    const touched = Object.keys(patch);
    if (errors.some((e) => touched.includes(e.element.split('.')[0]))) setErrors((list) => list.filter((e) => !touched.includes(e.element.split('.')[0])));
  };
  const tabErrors = (key: EditorTab) => errors.filter((e) => tabOfElement(e.element) === key).length;
  const tabLabel = (key: EditorTab, label: MessageKey, count?: number) => (
    <span data-testid={`editor-tab-${key}`}>
      {t(label)}
      {tabErrors(key) > 0 ? (
        <Badge count={tabErrors(key)} size="small" className="tab-badge" />
      ) : (
        count !== undefined && <Badge count={count} size="small" color="#8c8c8c" className="tab-badge" showZero={false} />
      )}
    </span>
  );
  const tabProps = { content, onChange, readOnly };
  const warnings = detail.inspection.findings.length;

  return (
    <ErrorsContext.Provider value={errors}>
      <Link to="/app/catalog" className="editor-back">
        <ArrowLeftOutlined /> {t('editor.back')}
      </Link>
      <PageTitle
        title={<span data-testid="editor-title">{content.name || detail.name}</span>}
        extra={
          <Space wrap className="editor-actions">
            {isDirty && (
              <Tag color="orange" data-testid="editor-dirty">
                {t('editor.unsaved')}
              </Tag>
            )}
            {buttons}
            {live === 'published' && (
              <Link to={`/guide/${encodeURIComponent(detail.code)}`} target="_blank">
                <Button icon={<EyeOutlined />} data-testid="editor-guide">
                  {t('editor.viewGuide')}
                </Button>
              </Link>
            )}
          </Space>
        }
      />
      <Card size="small" className="block-gap">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label={t('catalog.code')}>
            <span className="mono" data-testid="editor-code">
              {detail.code}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('catalog.baseItem')}>
            {detail.baseItem.name}（<span className="mono">{detail.baseItem.code}</span>）
          </Descriptions.Item>
          <Descriptions.Item label={t('catalog.department')}>{detail.departmentName}</Descriptions.Item>
          <Descriptions.Item label={t('catalog.region')}>{detail.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('catalog.itemType')}>{itemTypes.label(detail.itemType)}</Descriptions.Item>
          <Descriptions.Item label={t('catalog.status')}>
            <StatusTag status={live} testId="editor-status" />
          </Descriptions.Item>
          <Descriptions.Item label={t('catalog.latestVersion')}>
            <Space size={4}>
              {t('catalog.versionNumber', { n: latest.number })}
              <StatusTag status={latest.status} testId="editor-version-status" />
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      {isDraft && latest.reviewNote && (
        <Alert type="warning" showIcon className="block-gap" title={t('editor.returned', { note: latest.reviewNote })} data-testid="editor-returned" />
      )}
      {!isDraft && (
        <Alert
          type="info"
          showIcon
          className="block-gap"
          title={
            latest.status === 'in_review'
              ? t('editor.inReview', { n: latest.number })
              : `${t('editor.readOnly', { n: latest.number, status: statusLabel(latest.status, t) })}${canEdit && live !== 'abolished' ? t('editor.readOnlyNew') : ''}`
          }
          data-testid="editor-readonly"
        />
      )}
      {failure !== undefined && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: clearErrors }}
          className="block-gap"
          title={errorText(failure, lang)}
          description={
            errors.length > 0 && (
              <>
                {t('editor.errorsIn')}
                <ul className="problem-list">
                  {errors.map((e, i) => (
                    <li key={i}>
                      <a onClick={() => setTab(tabOfElement(e.element))}>{elementLabel(e.element, t)}</a>：{e.message}
                    </li>
                  ))}
                </ul>
              </>
            )
          }
          data-testid="editor-error"
        />
      )}

      <Card size="small" className="editor-card">
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key as EditorTab)}
          items={[
            {
              key: 'basic',
              label: tabLabel('basic', 'editor.tab.basic'),
              children: (
                <ConfigProvider componentDisabled={readOnly}>
                  <BasicTab {...tabProps} />
                </ConfigProvider>
              ),
            },
            {
              key: 'materials',
              label: tabLabel('materials', 'editor.tab.materials', content.materials.length),
              children: (
                <ConfigProvider componentDisabled={readOnly}>
                  <MaterialsTab {...tabProps} />
                </ConfigProvider>
              ),
            },
            {
              key: 'steps',
              label: tabLabel('steps', 'editor.tab.steps', content.steps.length),
              children: (
                <ConfigProvider componentDisabled={readOnly}>
                  <StepsTab {...tabProps} />
                </ConfigProvider>
              ),
            },
            {
              key: 'form',
              label: tabLabel('form', 'editor.tab.form', Object.keys(content.form.properties).length),
              children: (
                <ConfigProvider componentDisabled={readOnly}>
                  <FormDesigner {...tabProps} />
                </ConfigProvider>
              ),
            },
            {
              key: 'versions',
              label: tabLabel('versions', 'editor.tab.versions', detail.versions.length),
              children: <VersionsTab implementationId={detail.id} versions={detail.versions} />,
            },
            {
              key: 'inspection',
              label: tabLabel('inspection', 'editor.tab.inspection', warnings),
              children: <InspectionTab inspection={detail.inspection} versionNumber={latest.number} onGoTo={setTab} />,
            },
          ]}
        />
      </Card>

      <Modal
        open={noteAction !== undefined}
        title={noteAction ? t(`editor.confirm.${noteAction}` as MessageKey, { n: latest.number }) : ''}
        onCancel={() => setNoteAction(undefined)}
        onOk={finishNote}
        okText={noteAction ? t(`editor.${noteAction}`) : ''}
        cancelText={t('common.cancel')}
        okButtonProps={
          {
            danger: noteAction === 'abolish',
            disabled: noteAction !== undefined && NEEDS_NOTE.includes(noteAction) && !note.trim(),
            'data-testid': 'note-ok',
          } as never
        }
        confirmLoading={busy === noteAction}
        destroyOnHidden
      >
        <Form layout="vertical" component="div">
          <Form.Item
            label={noteAction && NEEDS_NOTE.includes(noteAction) ? t('editor.reason') : t('editor.note')}
            required={noteAction !== undefined && NEEDS_NOTE.includes(noteAction)}
            help={noteAction && NEEDS_NOTE.includes(noteAction) && !note.trim() ? t('editor.noteRequired') : undefined}
          >
            <Input.TextArea
              value={note}
              onChange={(e) => setNote(e.target.value)}
              autoSize={{ minRows: 3 }}
              maxLength={2000}
              autoFocus
              data-testid="note-input"
            />
          </Form.Item>
        </Form>
        {failure !== undefined && errors.some((e) => e.element === 'note') && <Typography.Text type="danger">{errorText(failure, lang)}</Typography.Text>}
      </Modal>
    </ErrorsContext.Provider>
  );
}
