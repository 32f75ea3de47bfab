import { PaperClipOutlined } from '@ant-design/icons';
import { Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { useT } from '../../i18n.ts';
import { FilePick } from '../cases/index.tsx';

/** Where a record's file is downloaded (GET /api/legal/files/{id}: the record's readers and the uploader). */
export const legalFileUrl = (id: number) => `/api/legal/files/${id}`;

/** A link to a record's file, opened in a new tab under its uploaded name. */
export function LegalFileLink({ id, label, testId }: { id: number; label?: string; testId: string }) {
  const t = useT();
  return (
    <Typography.Link href={legalFileUrl(id)} target="_blank" rel="noreferrer" data-testid={testId}>
      <PaperClipOutlined /> {label ?? t('legal.fileDownload')}
    </Typography.Link>
  );
}

/**
 * A form control for a record's file (a review opinion, minutes): the file is uploaded to the module at once
 * (POST /api/legal/files, not public) and the control's value is its id, sent with the record as `fileId`.
 */
export function LegalFile({ value, onChange, testId }: { value?: number | null; onChange?: (id: number | null) => void; testId: string }) {
  const t = useT();
  const [name, setName] = useState<string>();
  return (
    <Space wrap>
      <FilePick
        testId={testId}
        label={value ? t('legal.fileReplace') : t('legal.fileUpload')}
        onPick={async (file) => {
          const stored = await api.upload('/api/legal/files', file, { params: { query: { name: file.name } } });
          setName(stored.name);
          onChange?.(stored.id);
        }}
      />
      {value && <LegalFileLink id={value} label={name ?? t('legal.fileAttached')} testId={`${testId}-name`} />}
    </Space>
  );
}
