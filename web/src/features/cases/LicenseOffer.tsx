import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n.ts';
import type { Material } from '../../api/types.ts';
import { LicenseFacts, useLicenseTypeName } from '../licenses/index.tsx';
import type { CaseMaterial, License } from '../../api/types.ts';

/** 免提交: the holder's valid licence of the material's type, previewed, to use instead of an upload. */
export function LicenseOffer(props: {
  material: Material | CaseMaterial;
  license: License | null;
  attached: boolean;
  disabled: boolean;
  onUse: (l: License) => Promise<void>;
}) {
  const t = useT();
  const typeName = useLicenseTypeName();
  const [busy, setBusy] = useState(false);
  const { material: m, license } = props;
  if (!license) {
    return (
      <Typography.Paragraph type="secondary" className="small-text" data-testid={`no-license-${m.key}`}>
        {t('material.noLicense', { type: typeName(m.licenseTypeCode ?? '') })}
      </Typography.Paragraph>
    );
  }
  return (
    <div className="license-offer" data-testid={`license-offer-${m.key}`}>
      <LicenseFacts license={license} compact />
      {props.attached ? (
        <Tag icon={<SafetyCertificateOutlined />} color="green" className="license-offer-done">
          {t('material.licenseAttached')}
        </Tag>
      ) : (
        <>
          <Typography.Paragraph type="secondary" className="small-text license-offer-hint">
            {t('material.useLicenseHint')}
          </Typography.Paragraph>
          <Button
            type="primary"
            ghost
            icon={<SafetyCertificateOutlined />}
            loading={busy}
            disabled={props.disabled}
            onClick={async () => {
              setBusy(true);
              await props.onUse(license);
              setBusy(false);
            }}
            data-testid={`use-license-${m.key}`}
          >
            {t('material.useLicense')}
          </Button>
        </>
      )}
    </div>
  );
}
