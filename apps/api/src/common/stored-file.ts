import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { NotFoundException } from '@nestjs/common';
import type { Response } from 'express';
import { badRequest } from './errors.js';
import { uploadName } from './upload-name.js';

/** File types a progress report or an item's evidence may carry: office documents, PDF, images, plain text, archives. */
export const ATTACHMENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.zip': 'application/zip',
};

export interface UploadedFile {
  originalname: string;
  size: number;
  buffer: Buffer;
}

/** Checks an upload (present, known type, not empty, not too large) and names it; 400 in Chinese otherwise. */
export function checkUpload(file: UploadedFile | undefined, maxMb: number): { file: UploadedFile; fileName: string; ext: string; mimeType: string } {
  if (!file) throw badRequest('请选择要上传的文件(字段名 file)');
  const fileName = uploadName(file.originalname);
  const ext = extname(fileName).toLowerCase();
  const mimeType = ATTACHMENT_TYPES[ext];
  if (!mimeType) throw badRequest(`不支持的附件类型“${ext || '无扩展名'}”,可上传:${Object.keys(ATTACHMENT_TYPES).join(' ')}`);
  if (file.size === 0) throw badRequest('附件是空文件');
  if (file.size > maxMb * 1024 * 1024) throw badRequest(`附件不能超过 ${maxMb} MB`);
  return { file, fileName, ext, mimeType };
}

/** Writes the bytes under the data folder with a random name; returns the path relative to it and the absolute path. */
export async function storeUpload(dataDir: string, folder: string, ext: string, content: Buffer): Promise<{ relative: string; absolute: string }> {
  const relative = join(folder, `${randomBytes(12).toString('hex')}${ext}`);
  const absolute = resolve(dataDir, relative);
  await mkdir(resolve(absolute, '..'), { recursive: true });
  await writeFile(absolute, content);
  return { relative, absolute };
}

export async function readStored(dataDir: string, relative: string): Promise<Buffer> {
  return readFile(resolve(dataDir, relative)).catch(() => {
    throw new NotFoundException('附件文件已丢失,请联系管理员');
  });
}

/** Sends a stored file as a download. */
export function sendDownload(response: Response, file: { mimeType: string; fileName: string }, content: Buffer): void {
  response.setHeader('Content-Type', file.mimeType);
  response.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.send(content);
}
