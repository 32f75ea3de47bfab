import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n.ts';
import type { Material } from '../../api/types.ts';
import { LicenceFacts, useLicenceTypeName } from '../licences/index.tsx';
import type { CaseMaterial, Licence } from '../../api/types.ts';

/** 免提交: the holder's valid licence of the material's type, previewed, to use instead of an upload. */
export function LicenceOffer(props: {
  material: Material | CaseMaterial;
  licence: Licence | null;
  attached: boolean;
  disabled: boolean;
  onUse: (l: Licence) => Promise<void>;
}) {
  const t = useT();
  const typeName = useLicenceTypeName();
  const [busy, setBusy] = useState(false);
  const { material: m, licence } = props;
  if (!licence) {
    return (
      <Typography.Paragraph type="secondary" className="small-text" data-testid={`no-licence-${m.key}`}>
        {t('material.noLicence', { type: typeName(m.licenseTypeCode ?? '') })}
      </Typography.Paragraph>
    );
  }
  return (
    <div className="licence-offer" data-testid={`licence-offer-${m.key}`}>
      <LicenceFacts licence={licence} compact />
      {props.attached ? (
        <Tag icon={<SafetyCertificateOutlined />} color="green" className="licence-offer-done">
          {t('material.licenceAttached')}
        </Tag>
      ) : (
        <>
          <Typography.Paragraph type="secondary" className="small-text licence-offer-hint">
            {t('material.useLicenceHint')}
          </Typography.Paragraph>
          <Button
            type="primary"
            ghost
            icon={<SafetyCertificateOutlined />}
            loading={busy}
            disabled={props.disabled}
            onClick={async () => {
              setBusy(true);
              await props.onUse(licence);
              setBusy(false);
            }}
            data-testid={`use-licence-${m.key}`}
          >
            {t('material.useLicence')}
          </Button>
        </>
      )}
    </div>
  );
}
