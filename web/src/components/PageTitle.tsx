import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** The title row of a signed-in page, with its main button on the right. */
export function PageTitle({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <div className="page-title-row">
      <Typography.Title level={3}>{title}</Typography.Title>
      {extra}
    </div>
  );
}
