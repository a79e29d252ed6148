// Evidence files (rectification proof, minutes, reply documents): received in memory with a size limit, the
// type decided by the content (file-type's magic numbers) against an allow-list — and the name's extension must
// agree — stored under the data folder as attachments/<first two hex of sha256>/<sha256>-<random>, with an
// Attachment row owned by the uploader's unit. DATA_DIR (default ./data) or ATTACHMENTS_DIR place the folder.
import { randomBytes, createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response } from 'express';
import FileType from 'file-type';
import multer from 'multer';
import type { Principal } from '../../../domain/auth/roles';
import type { Db } from '../../../domain/db/client';
import { HttpError } from '../http/problem';

export const maxAttachmentBytes = 20 * 1024 * 1024;

/** Detected type → the extensions a file of that type may carry, and the media type it is served as. */
const allowed: Record<string, { exts: string[]; mediaType: string }> = {
  pdf: { exts: ['pdf'], mediaType: 'application/pdf' },
  jpg: { exts: ['jpg', 'jpeg'], mediaType: 'image/jpeg' },
  png: { exts: ['png'], mediaType: 'image/png' },
  gif: { exts: ['gif'], mediaType: 'image/gif' },
  webp: { exts: ['webp'], mediaType: 'image/webp' },
  docx: {
    exts: ['docx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  xlsx: { exts: ['xlsx'], mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  // Word 97–2003 and Excel 97–2003 share the OLE compound-file container.
  cfb: { exts: ['doc', 'xls'], mediaType: 'application/x-cfb' },
  zip: { exts: ['zip'], mediaType: 'application/zip' },
};
const legacyTypes: Record<string, string> = { doc: 'application/msword', xls: 'application/vnd.ms-excel' };

export function attachmentsDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.ATTACHMENTS_DIR ?? path.join(env.DATA_DIR ?? 'data', 'attachments'));
}

export function receiveFile(req: Request, res: Response): Promise<Express.Multer.File> {
  const handler = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxAttachmentBytes, files: 1, fields: 5 },
    defParamCharset: 'utf8',
  }).single('file');
  return new Promise((resolve, reject) => {
    handler(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE')
          return reject(
            new HttpError(413, '文件过大', `单个文件不能超过 ${maxAttachmentBytes / 1048576} MB`),
          );
        return reject(
          new HttpError(400, '上传有误', '请在 file 字段上传一个文件', {
            errors: [{ field: 'file', message: '请上传一个文件' }],
          }),
        );
      }
      if (err) return reject(err);
      if (!req.file)
        return reject(
          new HttpError(400, '上传有误', '请选择要上传的文件', {
            errors: [{ field: 'file', message: '请选择文件' }],
          }),
        );
      resolve(req.file);
    });
  });
}

function cleanName(name: string): string {
  const base = path
    .basename(name.replace(/\\/g, '/'))
    .replace(/\p{Cc}/gu, '')
    .trim();
  return (base || '附件').slice(0, 200);
}

/** Checks the content, writes the file and its row; returns the row. */
export async function storeAttachment(db: Db, principal: Principal, file: Express.Multer.File) {
  if (principal.unitId === null) throw new HttpError(403, '无权上传', '您的账户未归属任何单位，不能上传附件');
  if (file.size === 0)
    throw new HttpError(400, '上传有误', '文件是空的', {
      errors: [{ field: 'file', message: '文件是空的' }],
    });
  const fileName = cleanName(file.originalname);
  const ext = path.extname(fileName).slice(1).toLowerCase();
  const detected = await FileType.fromBuffer(file.buffer);
  const kind = detected ? allowed[detected.ext] : undefined;
  if (!detected || !kind) {
    throw new HttpError(
      415,
      '不支持的文件类型',
      '只能上传 PDF、图片（JPG、PNG、GIF、WEBP）、Word、Excel 或 ZIP 文件',
      {
        errors: [{ field: 'file', message: '不支持的文件类型' }],
      },
    );
  }
  if (!kind.exts.includes(ext)) {
    throw new HttpError(
      415,
      '文件内容与扩展名不符',
      `文件“${fileName}”的内容不是 .${ext || '（无扩展名）'} 文件，请检查后重新上传`,
      {
        errors: [{ field: 'file', message: '文件内容与扩展名不符' }],
      },
    );
  }
  const sha256 = createHash('sha256').update(file.buffer).digest('hex');
  const storageKey = `${sha256.slice(0, 2)}/${sha256}-${randomBytes(6).toString('hex')}`;
  const target = path.join(attachmentsDir(), storageKey);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, file.buffer, { flag: 'wx' });
  try {
    return await db.attachment.create({
      data: {
        unitId: principal.unitId,
        fileName,
        mediaType: detected.ext === 'cfb' ? legacyTypes[ext]! : kind.mediaType,
        sizeBytes: file.size,
        sha256,
        storageKey,
        uploadedById: principal.userId,
      },
      select: { id: true, fileName: true, mediaType: true, sizeBytes: true, sha256: true, createdAt: true },
    });
  } catch (e) {
    await fs.rm(target, { force: true });
    throw e;
  }
}

/** The Content-Disposition of a download: an ASCII fallback and the real name as RFC 5987 filename*. */
export function contentDisposition(fileName: string, inline: boolean): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function readStored(storageKey: string): Promise<Buffer> {
  const dir = attachmentsDir();
  const file = path.resolve(dir, storageKey);
  if (!file.startsWith(dir + path.sep)) throw new HttpError(404, '未找到', '附件不存在');
  return fs.readFile(file).catch(() => {
    throw new HttpError(410, '附件已丢失', '附件记录存在但文件已不在存储目录中，请联系系统管理员');
  });
}
