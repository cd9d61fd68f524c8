/**
 * Documents sent to an application by resumable upload (files/resumable.ts): before the first
 * byte, the actor must be able to upload to the application now, the kind must be one of the
 * application's and the size within the limit; once the last byte arrives, the file goes through
 * the same checks and storing as one posted by the plain form (documents.ts).
 */
import fsp from 'node:fs/promises';
import { m } from '#lib/paraglide/messages.js';
import { renovationDocumentKinds, type RenovationDocumentKind } from '#lib/renovation-documents.ts';
import type { Actor } from '../auth/actor.ts';
import { handleResumable } from '../files/resumable.ts';
import { InputError } from '../kernel/input-error.ts';
import { addDocument, assertMayUpload, checkDocumentSize } from './documents.ts';

function kindOf(metadata: Readonly<Record<string, string>>): RenovationDocumentKind {
	const kind = metadata.kind;
	if (!renovationDocumentKinds.includes(kind as RenovationDocumentKind)) throw new InputError('kind', m.renovations_upload_kind_invalid());
	return kind as RenovationDocumentKind;
}

/**
 * Answers a tus request to the application's upload address, /app/renovations/<id>/uploads. Every
 * request — each chunk too — is first checked against the application: who may not see it gets
 * 404, and once its step has passed an unfinished upload cannot go on (422 with the message).
 */
export async function renovationUploads(actor: Actor, applicationId: string, request: Request): Promise<Response> {
	try {
		await assertMayUpload(actor, applicationId);
	} catch (cause) {
		if (!(cause instanceof InputError)) throw cause;
		return new Response(cause.message, { status: 422, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Tus-Resumable': '1.0.0' } });
	}
	return handleResumable(request, {
		base: `/app/renovations/${applicationId}/uploads`,
		ownerId: actor.userId,
		async start(metadata, size) {
			kindOf(metadata);
			checkDocumentSize(metadata.filename ?? '', size);
		},
		async finish(filePath, metadata) {
			const data = new Uint8Array(await fsp.readFile(filePath));
			const ids = await addDocument(actor, applicationId, { kind: kindOf(metadata), name: metadata.filename ?? '', data });
			return { ids };
		}
	});
}
