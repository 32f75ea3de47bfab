import { Form } from 'antd';
import { cloneElement, createContext, isValidElement, useContext } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../../../i18n.ts';
import type { MessageKey } from '../../../i18n.ts';
import { errorsUnder } from '../catalog.tsx';
import type { ElementError } from '../catalog.tsx';
import type { Content } from '../../../api/types.ts';

/** The server's errors of the last save or action, for the fields to show beside themselves. */
export const ErrorsContext = createContext<ElementError[]>([]);

export function useElementErrors(element: string): string[] {
  return errorsUnder(useContext(ErrorsContext), element);
}

/** Props of every editor tab: the draft's elements and a way to change some of them. */
export interface TabProps {
  content: Content;
  onChange: (patch: Partial<Content>) => void;
  readOnly: boolean;
}

interface FieldProps {
  element: string;
  label?: ReactNode;
  extra?: ReactNode;
  required?: boolean;
  children: ReactNode;
}

/** A labelled element of the editor, with the server's message under it when the last save refused it. */
export function Field({ element, label, extra, required, children }: FieldProps) {
  const t = useT();
  const errors = useElementErrors(element);
  // the label names its control (WCAG 1.3.1, 4.1.2): a single control gets an id for the label to point at
  const id = `element-${element}`;
  const control = isValidElement<{ id?: string }>(children) && children.props.id === undefined ? cloneElement(children, { id }) : children;
  return (
    <Form.Item
      label={label !== undefined ? label : t(`element.${element}` as MessageKey)}
      htmlFor={control !== children ? id : undefined}
      required={required}
      extra={extra}
      validateStatus={errors.length ? 'error' : undefined}
      help={errors.length ? <span data-testid={`error-${element}`}>{errors.join('；')}</span> : undefined}
      data-element={element}
    >
      {control}
    </Form.Item>
  );
}
