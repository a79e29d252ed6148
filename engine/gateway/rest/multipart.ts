// A small multipart/form-data reader for deployments (a few BPMN and form files): fields by
// name, with the file name and content of file parts.
import { invalidArgument } from './problems';

export interface Part {
  name: string;
  filename?: string;
  data: Buffer;
}

function boundaryOf(contentType: string): string {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!m)
    throw invalidArgument(
      'Expected a multipart/form-data request with a boundary, but the boundary is missing',
    );
  return m[1] ?? m[2];
}

function headerParam(header: string, param: string): string | undefined {
  const m =
    new RegExp(`;\\s*${param}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header) ??
    new RegExp(`;\\s*${param}=([^;\\s]+)`, 'i').exec(header);
  return m?.[1];
}

export function parseMultipart(body: Buffer, contentType: string): Part[] {
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`);
  const parts: Part[] = [];
  let start = body.indexOf(delimiter);
  if (start < 0) throw invalidArgument('The multipart request body contains no parts');
  for (;;) {
    start += delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) throw invalidArgument('The multipart request body ends before its closing boundary');
    const chunk = body.subarray(start + 2, next - 2); // after CRLF, before CRLF
    const split = chunk.indexOf('\r\n\r\n');
    if (split < 0) throw invalidArgument('A part of the multipart request has no headers');
    const headers = chunk.subarray(0, split).toString('utf8').split('\r\n');
    const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? '';
    const name = headerParam(disposition, 'name');
    if (!name) throw invalidArgument('A part of the multipart request has no name');
    const filename = headerParam(disposition, 'filename');
    parts.push({ name, ...(filename !== undefined ? { filename } : {}), data: chunk.subarray(split + 4) });
    start = next;
  }
  return parts;
}
