// Evidence files over the API: upload one file (multipart field `file`), read its details, download it — each
// within the user's scope (another unit's file answers 404, like one that does not exist).
import { readStored, receiveFile, storeAttachment, contentDisposition } from '../attachments/store';
import { findAttachment } from '../attachments/access';
import type { AppContext } from '../context';
import { intParam, type AnyRoute } from './define';

export function attachmentRoutes(ctx: AppContext): AnyRoute[] {
  const { db } = ctx;
  return [
    {
      method: 'post',
      path: '/attachments',
      action: 'attachment.upload',
      status: 201,
      async handler({ req, res, principal }) {
        const file = await receiveFile(req, res);
        return storeAttachment(db, principal, file);
      },
    },
    {
      method: 'get',
      path: '/attachments/:id',
      action: 'attachment.read',
      async handler({ req, principal }) {
        const a = await findAttachment(db, principal, intParam(req, 'id'));
        return {
          id: a.id,
          fileName: a.fileName,
          mediaType: a.mediaType,
          sizeBytes: a.sizeBytes,
          sha256: a.sha256,
          createdAt: a.createdAt,
        };
      },
    },
    {
      method: 'get',
      path: '/attachments/:id/content',
      action: 'attachment.read',
      async handler({ req, res, principal }) {
        const a = await findAttachment(db, principal, intParam(req, 'id'));
        const body = await readStored(a.storageKey);
        const inline =
          req.query.inline === '1' && (a.mediaType.startsWith('image/') || a.mediaType === 'application/pdf');
        res.setHeader('Content-Type', a.mediaType);
        res.setHeader('Content-Length', String(body.length));
        res.setHeader('Content-Disposition', contentDisposition(a.fileName, inline));
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
        res.status(200).end(body);
      },
    },
  ];
}
