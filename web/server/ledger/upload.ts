// One uploaded file from a multipart request, held in memory (spreadsheets are small): a size limit, and a
// missing file or field answered in Chinese.
import type { Request, Response } from 'express';
import multer from 'multer';
import { HttpError } from '../http/problem';

export function uploadedFile(
  req: Request,
  res: Response,
  field: string,
  maxBytes: number,
): Promise<Express.Multer.File> {
  const handler = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1 },
  }).single(field);
  return new Promise((resolve, reject) => {
    handler(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE')
          return reject(new HttpError(413, '文件过大', `文件不能超过 ${Math.round(maxBytes / 1048576)} MB`));
        return reject(new HttpError(400, '上传有误', `请在“${field}”字段上传一个文件`));
      }
      if (err) return reject(err);
      if (!req.file)
        return reject(
          new HttpError(400, '上传有误', '请选择要上传的文件', {
            errors: [{ field, message: '请选择文件' }],
          }),
        );
      resolve(req.file);
    });
  });
}
