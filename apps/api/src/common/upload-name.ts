import { extname } from 'node:path';

/** Longest file name kept for an upload (characters, extension included); the columns hold more. */
export const MAX_UPLOAD_NAME = 200;

/**
 * The name an uploaded file is recorded and shown under. multer hands the multipart file name over as
 * latin1 (browsers send UTF-8). Only the last path segment is kept (a client may send "C:\x\a.txt" or
 * "../../a.txt"), control characters (NUL included, which PostgreSQL refuses in text) are dropped, and a
 * long name is cut to MAX_UPLOAD_NAME characters keeping its extension.
 */
export function uploadName(originalname: string): string {
  const utf8 = Buffer.from(originalname, 'latin1').toString('utf8');
  const name = (utf8.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const chars = [...name];
  if (chars.length <= MAX_UPLOAD_NAME) return name;
  const ext = [...extname(name)];
  return ext.length < 16 ? [...chars.slice(0, MAX_UPLOAD_NAME - ext.length), ...ext].join('') : chars.slice(0, MAX_UPLOAD_NAME).join('');
}
