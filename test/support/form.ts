/**
 * A multipart upload body for the API tests: [field, file name, bytes] per file, plus plain fields.
 */
export function form(files: Array<[field: string, name: string, bytes: Uint8Array | string]>, extra: Record<string, string> = {}): FormData {
  const fd = new FormData();
  for (const [field, name, bytes] of files) fd.append(field, new File([bytes as BlobPart], name));
  for (const [k, v] of Object.entries(extra)) fd.append(k, v);
  return fd;
}
