import { Form, Input, Select } from 'antd';
import { useRef } from 'react';
import { api } from '../../api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useT } from '../../i18n.ts';
import { useCodeList } from './catalog.tsx';
import type { BaseItem } from '../../api/types.ts';

interface BaseItemValues {
  code: string;
  name: string;
  itemType: string;
  useLevel: string;
  legalBasis?: string;
}

/** Creates a base item (基本目录事项): the national or provincial item that regions implement. */
export function BaseItemModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (item: BaseItem) => void }) {
  const t = useT();
  const itemTypes = useCodeList('item_type');
  const useLevels = useCodeList('use_level');
  const created = useRef<BaseItem>(undefined);
  return (
    <FormModal<BaseItemValues>
      open={open}
      title={t('impl.createBase')}
      initialValues={{ itemType: '01', useLevel: '3' }}
      onClose={onClose}
      onDone={() => created.current && onCreated(created.current)}
      successText={t('common.created')}
      testId="base-create"
      width={620}
      onSubmit={async (v) => {
        created.current = await api.create('/api/catalog/base-items', {
          body: {
            code: v.code.trim(),
            name: v.name.trim(),
            itemType: v.itemType,
            useLevel: v.useLevel,
            legalBasis: v.legalBasis?.trim() || undefined,
          },
        });
      }}
    >
      <Form.Item
        name="code"
        label={t('base.code')}
        extra={t('impl.baseCodeRule')}
        rules={[{ required: true }, { pattern: /^[0-9A-Za-z]{1,12}$/, message: t('impl.baseCodeRule') }]}
      >
        <Input maxLength={12} className="mono" data-testid="base-code" />
      </Form.Item>
      <Form.Item name="name" label={t('base.name')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={200} data-testid="base-name" />
      </Form.Item>
      <Form.Item name="itemType" label={t('base.itemType')} rules={[{ required: true }]}>
        <Select options={itemTypes.options} data-testid="base-itemType" />
      </Form.Item>
      <Form.Item name="useLevel" label={t('base.useLevel')} rules={[{ required: true }]}>
        <Select options={useLevels.options} data-testid="base-useLevel" />
      </Form.Item>
      <Form.Item name="legalBasis" label={t('base.legalBasis')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} data-testid="base-legalBasis" />
      </Form.Item>
    </FormModal>
  );
}
