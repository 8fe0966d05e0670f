/** A limit or a flaw found in an XLSX zip or its worksheet; the reader turns it into an import error naming the file. */
export class XlsxZipError extends Error {}
