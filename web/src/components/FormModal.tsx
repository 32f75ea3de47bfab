import { Alert, App, Form, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError } from '../api.ts';
import { errorText, useLang, useT } from '../i18n.ts';

interface FormModalProps<V> {
  open: boolean;
  title: ReactNode;
  initialValues?: Partial<V>;
  /** Sends the form to the API. */
  onSubmit: (values: V) => Promise<unknown>;
  onClose: () => void;
  /** After a save, and after a VERSION_CONFLICT: reload what the modal edited. */
  onDone: () => void;
  successText: string;
  testId: string;
  width?: number;
  /** The save button's text (default 保存). */
  okText?: string;
  children: ReactNode;
}

/** A conflict on the row version: VERSION_CONFLICT, or a module's own (CASE_VERSION_CONFLICT …). */
export function isVersionConflict(err: unknown): boolean {
  return err instanceof ApiError && (err.code === 'VERSION_CONFLICT' || err.code.endsWith('_VERSION_CONFLICT'));
}

/**
 * A modal with a form that saves to the API. Errors stay in the modal; a VERSION_CONFLICT
 * (someone else saved first) closes it, says so, and reloads.
 */
export function FormModal<V extends object>(props: FormModalProps<V>) {
  const { open, title, initialValues, onSubmit, onClose, onDone, successText, testId, width, okText, children } = props;
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();

  const close = () => {
    setError(undefined);
    onClose();
  };

  const finish = async (values: V) => {
    setSaving(true);
    setError(undefined);
    try {
      await onSubmit(values);
      message.success(successText);
      close();
      onDone();
    } catch (err) {
      if (isVersionConflict(err)) {
        message.warning(`${errorText(err, lang)} ${t('common.conflict')}`, 6);
        close();
        onDone();
      } else {
        setError(err);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={close}
      onOk={() => form.submit()}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
      width={width}
      okButtonProps={{ 'data-testid': `${testId}-ok` } as ButtonProps}
    >
      <div data-testid={testId}>
        {error !== undefined && <Alert type="error" showIcon className="block-gap" title={errorText(error, lang)} data-testid={`${testId}-error`} />}
        <Form<V> form={form} layout="vertical" initialValues={initialValues} onFinish={finish} preserve={false}>
          {children}
          {/* lets Enter submit the form */}
          <button type="submit" hidden />
        </Form>
      </div>
    </Modal>
  );
}
