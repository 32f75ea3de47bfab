import { App, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import type { Reply } from '../../api/types.ts';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT } from '../../i18n.ts';

type Resource = Reply<'/api/exchange/resources'>['items'][number];

/** 挂载: the choice of what serves a resource's calls — its collected table, or an active endpoint of its provider. */
export function MountModal({ resource, onClose }: { resource: Resource; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const endpoints = useRemote(
    () => api.get('/api/exchange/endpoints', { params: { query: { departmentId: resource.departmentId, status: 'active', pageSize: 100 } } }),
    [resource.departmentId],
  );
  const [choice, setChoice] = useState<number | 'table'>(resource.endpointId ?? 'table');
  const submit = async () => {
    try {
      await api.put('/api/exchange/resources/{id}/mount', {
        params: { path: { id: resource.id } },
        body: { version: resource.version, endpointId: choice === 'table' ? null : choice },
      });
      onClose(true);
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };
  return (
    <Modal
      open
      title={t('exchange.mount.title', { name: resource.name })}
      onOk={() => void submit()}
      onCancel={() => onClose(false)}
      okButtonProps={{ 'data-testid': 'mount-ok' } as never}
    >
      <Form layout="vertical">
        <Form.Item label={t('exchange.mount.choice')} extra={t('exchange.mount.hint')}>
          <Select
            aria-label={t('exchange.mount.choice')}
            data-testid="mount-choice"
            value={choice}
            onChange={setChoice}
            loading={endpoints.loading}
            options={[
              { value: 'table' as const, label: t('exchange.mount.table') },
              ...(endpoints.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.method} ${e.baseUrl}）` })),
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
