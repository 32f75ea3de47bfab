import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../../../api.ts';
import { useShowError } from '../../../components/useShowError.ts';
import { useT } from '../../../i18n.ts';
import { fileUrl } from '../catalog.tsx';

const MAX_BYTES = 20 * 1024 * 1024;

interface FileFieldProps {
  value: string | null;
  onChange: (digest: string | null) => void;
  label: string;
  disabled?: boolean;
  testId: string;
}

/** A blank form or sample: upload (POST /api/files, raw bytes) and keep its digest; a link to what is there. */
export function FileField({ value, onChange, label, disabled, testId }: FileFieldProps) {
  const t = useT();
  const showError = useShowError();
  const [isUploading, setIsUploading] = useState(false);

  const upload = async (file: File) => {
    if (file.size > MAX_BYTES) {
      showError(new Error(t('editor.material.uploadHint')));
      return false;
    }
    setIsUploading(true);
    try {
      const stored = await api.upload('/api/files', file, { params: { query: { name: file.name } } });
      onChange(stored.digest);
    } catch (err) {
      showError(err);
    } finally {
      setIsUploading(false);
    }
    return false;
  };

  return (
    <Space size={2} className="file-field" data-testid={testId}>
      {value && (
        <a href={fileUrl(value)} target="_blank" rel="noreferrer" data-testid={`${testId}-link`}>
          <PaperClipOutlined /> {label}
        </a>
      )}
      <Upload accept=".pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png" showUploadList={false} beforeUpload={upload} disabled={disabled}>
        <Tooltip title={t('editor.material.uploadHint')}>
          <Button size="small" icon={<UploadOutlined />} loading={isUploading} disabled={disabled} data-testid={`${testId}-upload`}>
            {value ? t('editor.material.replace') : `${t('editor.material.upload')}${label}`}
          </Button>
        </Tooltip>
      </Upload>
      {value && !disabled && (
        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('editor.remove')} onClick={() => onChange(null)} />
      )}
    </Space>
  );
}
