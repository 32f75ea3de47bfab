// The materials of an application: each one uploaded, pledged (告知承诺) or replaced by the holder's e-licence.
import { Alert, Button, Card, Modal, Space, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useT } from '../../i18n.ts';
import type { Material } from '../../api/types.ts';
import type { ApplyMode } from './applyMode.ts';
import { materialState, type MaterialState } from './applyFields.ts';
import { caseApi } from './caseApi.ts';
import { useLicenseTypeName } from '../licenses/index.tsx';
import { FilePick } from './FilePick.tsx';
import { pledgePreview } from './formData.ts';
import { LicenseOffer } from './LicenseOffer.tsx';
import type { CaseDetail, CaseMaterial, License } from '../../api/types.ts';

const STATE_COLOR: Record<MaterialState, string> = {
  license: 'cyan',
  licenseFound: 'green',
  upload: 'blue',
  pledge: 'green',
  gap: 'orange',
  uploadRequired: 'red',
  none: 'red',
};

/** The one state of a material's row: what the draft holds, or whether the holder's licence was found. */
function MaterialStateTag({ m, state, mode }: { m: Material | CaseMaterial; state: MaterialState; mode: string | null | undefined }) {
  const t = useT();
  const color = (state === 'uploadRequired' || state === 'none') && !m.required ? 'default' : STATE_COLOR[state];
  return (
    <Tag color={color} data-testid={`material-mode-${m.key}`} data-mode={mode ?? 'none'} data-state={state}>
      {t(`material.state.${state}`)}
    </Tag>
  );
}

export function ApplyMaterials(props: {
  mode: ApplyMode;
  /** undefined until the first save creates the draft */
  detail: CaseDetail | undefined;
  materials: (Material | CaseMaterial)[];
  standardOf: (key: string) => string;
  /** The licence the platform offers instead of the material, if any. */
  candidateOf: (m: Material | CaseMaterial) => License | null;
  canTouchMaterials: boolean;
  /** A clerk has entered the application and now takes in the papers. */
  isWindowTakingMaterials: boolean;
  /** Who signs a pledge. */
  applicantName: string;
  /** Runs an action on the draft (created first if need be), then reloads it and says `success`. */
  withCase: (run: (n: string) => Promise<unknown>, success: string) => Promise<void>;
}) {
  const t = useT();
  const navigate = useNavigate();
  const { mode, detail, materials, standardOf, candidateOf, canTouchMaterials, isWindowTakingMaterials, applicantName, withCase } = props;
  const [pledging, setPledging] = useState<Material | CaseMaterial>();
  const typeName = useLicenseTypeName();
  const caseMaterial = (key: string) => detail?.materials.find((m) => m.key === key);
  return (
    <>
      <Card title={t('case.materials')} className="block-gap" data-testid="apply-materials">
        {mode === 'window' && !detail && <Alert className="block-gap" type="info" showIcon title={t('apply.materialsAfter')} />}
        {isWindowTakingMaterials && (
          <Alert
            className="block-gap"
            type="success"
            showIcon
            title={t('apply.windowMaterials', { number: detail!.number })}
            action={
              <Button type="primary" onClick={() => navigate(`/app/window?case=${detail!.number}`)} data-testid="apply-go-accept">
                {t('apply.goAccept')}
              </Button>
            }
          />
        )}
        <div className="material-list">
          {materials.map((m) => {
            const supplied = caseMaterial(m.key);
            const candidate = candidateOf(m);
            const state = materialState(m, supplied, candidate);
            return (
              <div key={m.key} className="material-row" data-testid={`apply-material-${m.key}`}>
                <div className="material-row-main">
                  <Space size={4} wrap>
                    <Typography.Text strong>{m.name}</Typography.Text>
                    {m.required ? <Tag color="red">{t('material.required')}</Tag> : <Tag>{t('material.optional')}</Tag>}
                    <MaterialStateTag m={m} state={state} mode={supplied?.mode} />
                  </Space>
                  {standardOf(m.key) && (
                    <Typography.Paragraph type="secondary" className="small-text material-standard">
                      {standardOf(m.key)}
                    </Typography.Paragraph>
                  )}
                  {supplied?.mode === 'upload' && supplied.fileName && (
                    <Typography.Text type="secondary">{t('material.uploaded', { name: supplied.fileName })}</Typography.Text>
                  )}
                  {supplied?.mode === 'pledge' && supplied.pledgeText && (
                    <Typography.Paragraph className="pledge-text small-text">{supplied.pledgeText}</Typography.Paragraph>
                  )}
                  {candidate && (state === 'license' || state === 'licenseFound') && mode !== 'window' && (
                    <LicenseOffer
                      material={m}
                      license={candidate}
                      attached={state === 'license'}
                      disabled={!canTouchMaterials}
                      onUse={(l) => withCase((n) => caseApi.attachLicense(n, m.key, l.identifier), t('material.licenseAttached'))}
                    />
                  )}
                  {state === 'license' && !candidate && supplied?.licenseIdentifier && (
                    <Typography.Text type="secondary" className="mono small-text">
                      {supplied.licenseIdentifier}
                    </Typography.Text>
                  )}
                  {state === 'uploadRequired' && mode !== 'window' && (
                    <Typography.Paragraph type="secondary" className="small-text" data-testid={`no-license-${m.key}`}>
                      {mode === 'agent' ? t('material.holderOnly') : t('material.noLicense', { type: typeName(m.licenseTypeCode ?? '') })}
                    </Typography.Paragraph>
                  )}
                </div>
                {canTouchMaterials && (mode !== 'window' || detail) && (
                  <Space wrap className="material-row-extra">
                    <FilePick
                      testId={`material-file-${m.key}`}
                      label={supplied?.mode === 'upload' ? t('material.reupload') : t('material.upload')}
                      onPick={(file) => withCase((n) => caseApi.upload(n, m.key, file), t('material.uploaded', { name: file.name }))}
                    />
                    {m.pledgeAllowed && supplied?.mode !== 'pledge' && (
                      <Button onClick={() => setPledging(m)} data-testid={`pledge-${m.key}`}>
                        {t('material.pledge')}
                      </Button>
                    )}
                  </Space>
                )}
              </div>
            );
          })}
        </div>
        <Typography.Text type="secondary" className="small-text">
          {t('material.fileHint')}
        </Typography.Text>
      </Card>
      <Modal
        open={pledging !== undefined}
        title={t('material.pledgeTitle')}
        onCancel={() => setPledging(undefined)}
        okText={t('material.pledgeSign')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'pledge-confirm' } as ButtonProps}
        onOk={async () => {
          const m = pledging!;
          await withCase((n) => caseApi.pledge(n, m.key), t('material.pledged'));
          setPledging(undefined);
        }}
        destroyOnHidden
      >
        {pledging && (
          <div data-testid="pledge-modal">
            <Typography.Paragraph className="pledge-text" data-testid="pledge-text">
              {pledgePreview(pledging.name, applicantName)}
            </Typography.Paragraph>
            <Typography.Text type="secondary">{t('material.pledgeHint')}</Typography.Text>
          </div>
        )}
      </Modal>
    </>
  );
}
