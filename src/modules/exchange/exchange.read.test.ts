import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { readRows, RowChecker, type ReadRow } from './exchange.read.ts';
import type { ResourceField } from './exchange.core.ts';

// ADR 0050: plain CSV lines are split by the loader, the rest by csv-parse. What a load reads must not depend on
// which of the two read a line, nor on how the upload was cut into chunks: csv-parse over the whole file is the
// reference (rows, their numbers, per-row problems, the line of an unreadable file).

async function reference(text: string): Promise<unknown[]> {
  const out: unknown[] = [];
  const parser = Readable.from([Buffer.from(text)]).pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }));
  let header: string[] | undefined;
  let i = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      i++;
      if (!header) header = cells;
      else if (cells.length !== header.length) out.push({ row: i, errors: [`${cells.length} columns where the header has ${header.length}`] });
      else out.push({ row: i, values: Object.fromEntries(header.map((h, j) => [h, cells[j]])) });
    }
  } catch (e) {
    return [{ unreadable: (e as { lines?: number }).lines ?? i + 1 }];
  }
  return out;
}

async function* cut(text: string, size: number): AsyncGenerator<Buffer> {
  const b = Buffer.from(text);
  for (let at = 0; at < b.length; at += size) yield b.subarray(at, at + size);
}

async function read(text: string, size: number): Promise<unknown[]> {
  const out: ReadRow[] = [];
  try {
    for await (const r of readRows('csv', cut(text, size))) out.push(r);
  } catch (e) {
    // Rows read before a fatal error depend on the chunks (as with csv-parse alone): only the error is compared.
    return [{ unreadable: (e as { details?: { problems?: { row: number }[] } }).details?.problems?.[0]?.row }];
  }
  return out;
}

const files: Record<string, string> = {
  plain: 'a,b,c\n1,2,3\n4,,6\n\n7,8\n',
  'plain without a last newline': 'a,b,c\n1,2,3\n4,5,6',
  'a BOM and CRLF': '\uFEFFa,b,c\r\n1,2,3\r\n\r\n4,5,6\r\n',
  'a quoted cell after plain lines': 'a,b,c\n1,2,3\n"x,y",2,3\n4,5,6\n',
  'an embedded newline': 'a,b,c\n1,2,3\n"x\ny",2,3\n4,5,6\n',
  'cells to trim (space, full-width space)': 'a,b,c\n1,2,3\n 1 ,\u3000二\u3000,3\n4,5,6\n',
  'a bare line feed in a CRLF file': 'a,b,c\r\n1,2,3\r\n4,5,6\n7,8,9\r\n',
  'a carriage return in an LF file': 'a,b,c\n1,2,3\n4,5\r,6\n7,8,9\n',
  'an unclosed quote on line 4': 'a,b,c\n1,2,3\n\n"4,5,6\n7,8,9\n',
  'a quoted header': '"a","b","c"\n1,2,3\n',
  'Chinese text cut inside a character': 'id,name\n1,张伟\n2,王芳\n3,"李,娜"\n',
};

for (const [name, text] of Object.entries(files))
  test(`CSV read as csv-parse reads it: ${name}`, async () => {
    const expected = await reference(text);
    for (const size of [1, 2, 5, 64 * 1024]) assert.deepEqual(await read(text, size), expected, `chunks of ${size} bytes`);
  });

test('an unreadable CSV names the line csv-parse names, counted across the lines split before it took over', async () => {
  // The quote opened on line 4 is still open at the end of line 5, the last.
  assert.deepEqual(await read(files['an unclosed quote on line 4'], 3), [{ unreadable: 5 }]);
});

test('the checker refuses a key repeated within a load, naming the first row, and writes the layout asked for', () => {
  const fields: ResourceField[] = [
    { key: 'id', name: '编号', type: 'string', required: true },
    { key: 'n', name: '数', type: 'integer', required: false },
  ];
  const staging = new RowChecker(fields, 'id', { into: 'staging', loadId: 7 });
  staging.add({ row: 2, values: { id: 'a\tb', n: '1' } });
  staging.add({ row: 3, values: { id: 'a\tb', n: '2' } });
  staging.add({ row: 4, values: { id: 'c', n: 'x' } });
  assert.equal(staging.take(), '7\ta\\tb\t2\t{"id":"a\\\\tb","n":1}\n');
  assert.deepEqual(staging.problems, [
    { row: 3, errors: ['the key repeats row 2'] },
    { row: 4, errors: ['n is not an integer'] },
  ]);
  assert.equal(staging.rejected, 2);
  const record = new RowChecker(fields, 'id', { into: 'record', resourceId: 5, loadId: 7 });
  record.add({ row: 2, values: { id: 'c', n: '' } });
  assert.equal(record.take(), '5\tc\t7\t{"id":"c","n":null}\n');
});
