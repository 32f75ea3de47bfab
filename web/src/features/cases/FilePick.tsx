// Choosing a material's file: checked for size and type before it is sent (the server checks the content again).
import { UploadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useRef, useState } from 'react';
import { useShowError } from '../../components/useShowError.ts';
import { useT } from '../../i18n.ts';
import type { MessageKey } from '../../i18n.ts';

const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png';

/** The problem with a file before it is sent, or null: the server checks the content again. */
export function fileProblem(file: File): MessageKey | null {
  if (file.size > MAX_BYTES) return 'material.tooBig';
  if (!/\.(pdf|jpe?g|png|ofd)$/i.test(file.name)) return 'material.badType';
  return null;
}

/** A button that opens the file chooser; the hidden input carries the test id. */
export function FilePick(props: { testId: string; onPick: (file: File) => Promise<void>; label: string; disabled?: boolean; primary?: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const pick = async (file: File | undefined) => {
    if (!file) return;
    const problem = fileProblem(file);
    if (problem) {
      message.error(t(problem));
      return;
    }
    setBusy(true);
    try {
      await props.onPick(file);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <>
      <input ref={input} type="file" accept={ACCEPT} hidden data-testid={props.testId} onChange={(e) => void pick(e.target.files?.[0])} />
      <Button
        icon={<UploadOutlined />}
        loading={busy}
        disabled={props.disabled}
        type={props.primary ? 'primary' : 'default'}
        onClick={() => input.current?.click()}
      >
        {props.label}
      </Button>
    </>
  );
}
