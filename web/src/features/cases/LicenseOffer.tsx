import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n.ts';
import type { Material } from '../../api/types.ts';
import { LicenseFacts } from '../licenses/index.tsx';
import type { CaseMaterial, License } from '../../api/types.ts';

/**
 * 免提交: the holder's valid licence of the material's type, previewed, to use instead of an upload. The row's one state
 * tag (ApplyMaterials) says whether it is attached; this shows the licence and, until then, the button to use it.
 */
export function LicenseOffer(props: {
  material: Material | CaseMaterial;
  license: License;
  attached: boolean;
  disabled: boolean;
  onUse: (l: License) => Promise<void>;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const { material: m, license } = props;
  return (
    <div className="license-offer" data-testid={`license-offer-${m.key}`}>
      <LicenseFacts license={license} compact />
      {!props.attached && (
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
