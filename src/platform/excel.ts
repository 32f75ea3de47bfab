import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded the first time a workbook is read or written. Loading it costs about 0.2 s, which every process
 * (the server, each CLI command, each test file) would otherwise pay at start for workbooks most of them never open.
 */
export async function excel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/** A new, empty workbook. */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  return new (await excel()).Workbook();
}
