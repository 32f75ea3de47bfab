// The pieces every Excel import page shares (the catalogue's, the policy list's): the drop zone that takes the
// workbook, and the table of what the server refused, row by row, with the columns each import reports.
import { FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Table, Upload } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import type { HTMLAttributes } from 'react';

const XLSX = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A drop zone for one .xlsx workbook: the file is kept by the page (`onFile`), nothing is sent until the page says so.
 * It shows the chosen file's name, or `choose` until there is one.
 */
export function ExcelFileDrop({
  file,
  onFile,
  choose,
  testId,
  nameTestId,
}: {
  file: File | undefined;
  onFile: (file: File) => void;
  choose: string;
  testId: string;
  nameTestId?: string;
}) {
  return (
    <Upload.Dragger
      accept={XLSX}
      multiple={false}
      showUploadList={false}
      beforeUpload={(f) => {
        onFile(f);
        return false;
      }}
      className="block-gap"
      data-testid={testId}
    >
      <p className="ant-upload-drag-icon">{file ? <FileExcelOutlined /> : <InboxOutlined />}</p>
      <p className="ant-upload-text" data-testid={nameTestId}>
        {file ? file.name : choose}
      </p>
    </Upload.Dragger>
  );
}

/**
 * What an import refused: a summary (nothing was imported) above one row a problem, in the import's own columns; each
 * row carries the attributes `rowAttributes` gives it (a test id, the column it concerns).
 */
export function ImportProblems<P extends object>({
  summary,
  problems,
  columns,
  rowKey,
  rowAttributes,
  pagination = false,
  summaryTestId,
  testId,
  className,
}: {
  summary: string;
  problems: P[];
  columns: TableColumnsType<P>;
  rowKey: TableProps<P>['rowKey'];
  rowAttributes: (problem: P) => Record<`data-${string}`, string>;
  pagination?: TableProps<P>['pagination'];
  summaryTestId?: string;
  testId?: string;
  className?: string;
}) {
  return (
    <>
      <Alert type="error" showIcon className={className ? `${className} block-gap` : 'block-gap'} title={summary} data-testid={summaryTestId} />
      <Table<P>
        columns={columns}
        dataSource={problems}
        rowKey={rowKey}
        size="small"
        scroll={{ x: true }}
        pagination={pagination}
        onRow={(p) => rowAttributes(p) as HTMLAttributes<HTMLElement>}
        data-testid={testId}
      />
    </>
  );
}
