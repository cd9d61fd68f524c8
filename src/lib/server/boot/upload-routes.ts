/**
 * The routes that take files, and how much: the one table the request guard reads
 * (forms/request-guard.ts). A multipart post to one of these actions is streamed to disk within
 * these limits (forms/upload-form.ts); every other request may carry 1 MB at most.
 *
 * Per-file limits are the domain's own (photo and CSV checks), so a file over them still reaches
 * the route, counted but not kept, and is refused there with a message at its field. The body
 * limit is generous beyond that — streaming keeps memory flat — and refuses anything larger
 * with 413 before reading it. A route that takes files calls readUploadForm(request) and
 * appears here (upload-routes.test.ts checks both ways).
 */
import type { ResumableRoutes, UploadRoutes } from '../forms/request-guard.ts';
import { RESUMABLE_CHUNK_BYTES } from '#lib/files/resumable.ts';
import { DOCUMENT_MAX_BYTES } from '#lib/renovation-documents.ts';
import type { UploadLimits } from '../forms/upload-form.ts';
import { photoLimits } from '../files/photos.ts';
import { importMaxBytes } from '#lib/schemas/registry.ts';
import { READINGS_MAX_BYTES } from '../fees/readings-csv.ts';
import { NOTICE_MAX_ATTACHMENTS } from '#lib/notices/limits.ts';

const MB = 1024 * 1024;

/** Up to six phone photos of at most 15 MB each (the no-JavaScript path sends them full size). */
const photos: UploadLimits = { bodyBytes: 128 * MB, files: photoLimits.maxPhotos, fileBytes: photoLimits.maxBytes };

/** One CSV file; one up to 32 MB is still answered with the route's own "too big" message. */
const csv = (fileBytes: number): UploadLimits => ({ bodyBytes: 32 * MB, files: 1, fileBytes });

/** One renovation document posted without JavaScript (the page sends it resumably otherwise). */
const renovationDocument: UploadLimits = { bodyBytes: DOCUMENT_MAX_BYTES + MB, files: 1, fileBytes: DOCUMENT_MAX_BYTES };

/** A notice's files (PDF or images), posted with the notice's form. */
const noticeAttachments: UploadLimits = {
	bodyBytes: NOTICE_MAX_ATTACHMENTS * DOCUMENT_MAX_BYTES + MB,
	files: NOTICE_MAX_ATTACHMENTS,
	fileBytes: DOCUMENT_MAX_BYTES
};

export const uploadRoutes: UploadRoutes = {
	'/staff/notices/new': { default: noticeAttachments },
	'/staff/notices/[id]/edit': { default: noticeAttachments },
	'/app/renovations/[id]/documents': { default: renovationDocument },
	'/app/repairs/new': { default: photos },
	'/app/complaints/new': { default: photos },
	'/staff/complaints/new': { default: photos },
	'/app/repairs/[id]/comment': { default: photos },
	'/staff/repairs/new': { default: photos },
	'/staff/repairs/[id]': { afterPhotos: photos, comment: photos },
	'/staff/renovations/[id]': { inspect: photos, pass: photos },
	'/widget/[key]/[lang]/repair': { default: photos },
	'/widget/[key]/[lang]/complaint': { default: photos },
	'/staff/registry/import': { default: csv(importMaxBytes) },
	'/staff/fees/readings': { import: csv(READINGS_MAX_BYTES) }
};

/**
 * The resumable (tus) upload addresses: a PATCH there carries one chunk of a file, raw, and is
 * read by @tus/server as it arrives (files/resumable.ts). Room is left for a chunk's headers.
 */
export const resumableRoutes: ResumableRoutes = {
	'/app/renovations/[id]/uploads/[[upload]]': RESUMABLE_CHUNK_BYTES + 64 * 1024
};
