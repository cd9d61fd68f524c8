/**
 * The papers and drawings of an application (rule 5a), added by the applicant or the invited
 * contractor while the machine lets them upload. A file is taken for what its first bytes say,
 * never for its name; drawings are drawn into sheets (sheets.ts) and belong to the revision being
 * prepared (application.drawingRevision), numbered on from the sheets it already has.
 *
 * Both ways in end here: the resumable upload (document-uploads.ts) and the plain form a phone
 * without JavaScript posts.
 */
import { and, eq, max } from 'drizzle-orm';
import { sniffDocumentType, type DocumentType } from '#lib/files/sniff.ts';
import { m } from '#lib/paraglide/messages.js';
import type { Actor } from '../auth/actor.ts';
import { requireResidentOrContractor } from '../auth/guards.ts';
import { db, type Tx } from '../db/client.ts';
import { renovationDocuments } from '../db/schema/index.ts';
import { DOCUMENT_MAX_BYTES, renovationDocumentKinds, type RenovationDocumentKind } from '#lib/renovation-documents.ts';
import { displayName } from '../files/photos.ts';
import { storeFile } from '../files/service.ts';
import { InputError } from '../kernel/input-error.ts';
import { loadApplication } from './access.ts';
import { renovationMachine } from './machine.ts';
import { drawSheets } from './sheets.ts';
import { takeRenovationAction } from './transition.ts';
import { settleIfComplete } from './fees.ts';

type DocumentKind = RenovationDocumentKind;

const MB = 1024 * 1024;

export const documentLimits = { maxBytes: DOCUMENT_MAX_BYTES } as const;

export const documentContentTypes: Record<DocumentType, string> = {
	pdf: 'application/pdf',
	png: 'image/png',
	jpeg: 'image/jpeg',
	dwg: 'image/vnd.dwg',
	dxf: 'image/vnd.dxf'
};

/** What each kind of document may be: drawings also in the CAD formats. */
function typesFor(kind: DocumentKind): readonly DocumentType[] {
	return kind === 'drawing' ? ['pdf', 'png', 'jpeg', 'dwg', 'dxf'] : ['pdf', 'png', 'jpeg'];
}

const typeNames: Record<DocumentType, string> = { pdf: 'PDF', png: 'PNG', jpeg: 'JPEG', dwg: 'DWG', dxf: 'DXF' };

/** Refuses an empty file or one over the limit, before any of it is sent when the size is announced. */
export function checkDocumentSize(rawName: string, size: number): void {
	const name = displayName(rawName, () => m.files_document_unnamed());
	if (size === 0) throw new InputError('file', m.files_document_empty({ name }));
	if (size > documentLimits.maxBytes) {
		throw new InputError('file', m.files_document_too_large({ name, size: (size / MB).toFixed(1), max: documentLimits.maxBytes / MB }));
	}
}

/**
 * The type of a file offered as `kind`, from its size and first bytes (SNIFF_BYTES of them), or an
 * InputError at 'file' saying what is wrong with it in the request's language.
 */
function checkDocument(kind: DocumentKind, rawName: string, size: number, head: Uint8Array): DocumentType {
	return checkPaper(rawName, size, head, typesFor(kind));
}

/**
 * checkDocument for any paper of these types (a move-in's ID copy or licence: PDF or a scan), so
 * every domain that takes documents applies the same size, sniff and program checks.
 */
export function checkPaper(rawName: string, size: number, head: Uint8Array, allowed: readonly DocumentType[]): DocumentType {
	checkDocumentSize(rawName, size);
	const name = displayName(rawName, () => m.files_document_unnamed());
	const type = sniffDocumentType(head);
	if (type === 'program') throw new InputError('file', m.files_document_program({ name }));
	if (type === null || !allowed.includes(type)) {
		throw new InputError('file', m.files_document_wrong_type({ name, types: allowed.map((t) => typeNames[t]).join(', ') }));
	}
	return type;
}

/**
 * Whether the actor may add documents to the application now: 404 for one it may not see, 403
 * for one it may see but never uploads to, a message when the step has passed. Asked before an
 * upload starts, so nobody sends 50 MB to be told no at the end.
 */
export async function assertMayUpload(actor: Actor, applicationId: string): Promise<void> {
	requireResidentOrContractor(actor);
	const { application, capacities } = await loadApplication(db(), actor, applicationId);
	renovationMachine.take(application.state, 'upload', capacities);
}

export interface NewDocument {
	kind: DocumentKind;
	/** The name the uploader's file had, shown to people; never used to store or serve it. */
	name: string;
	data: Uint8Array;
}

/** Checks and adds one document; returns the ids of its rows (one per sheet for a drawing). */
export async function addDocument(actor: Actor, applicationId: string, document: NewDocument): Promise<string[]> {
	await assertMayUpload(actor, applicationId);
	const type = checkDocument(document.kind, document.name, document.data.byteLength, document.data);
	const name = displayName(document.name, () => m.files_document_unnamed());
	// Drawn before the transaction: pdf.js may take a while on a big set, and no lock waits for it.
	const sheets = document.kind === 'drawing' ? await drawSheets(type, document.data, name) : null;

	return takeRenovationAction(actor, applicationId, 'upload', async (tx, { application }) => {
		const subject = { type: 'renovation', id: application.id };
		const original = await storeFile(tx, { data: document.data, contentType: documentContentTypes[type], ownerId: actor.userId }, subject);
		if (!sheets) {
			const [row] = await tx
				.insert(renovationDocuments)
				.values({ applicationId: application.id, kind: document.kind, fileId: original.id, name, uploadedBy: actor.userId })
				.returning({ id: renovationDocuments.id });
			// The insurance policy may be the last thing the fees step waits for.
			const after = document.kind === 'insurance' ? (next: Tx) => settleIfComplete(next, application.id) : undefined;
			return { data: { kind: document.kind, name }, result: [row!.id], after };
		}
		const revision = application.drawingRevision;
		const [last] = await tx
			.select({ sheet: max(renovationDocuments.sheet) })
			.from(renovationDocuments)
			.where(
				and(
					eq(renovationDocuments.applicationId, application.id),
					eq(renovationDocuments.kind, 'drawing'),
					eq(renovationDocuments.revision, revision)
				)
			);
		const first = (last?.sheet ?? 0) + 1;
		const ids: string[] = [];
		for (let page = 1; page <= sheets.count; page++) {
			const drawn = sheets.drawn[page - 1];
			const preview = drawn ? await storeFile(tx, { ...drawn.preview, ownerId: actor.userId }, subject) : null;
			const thumb = drawn ? await storeFile(tx, { ...drawn.thumb, ownerId: actor.userId }, subject) : null;
			const [row] = await tx
				.insert(renovationDocuments)
				.values({
					applicationId: application.id,
					kind: 'drawing',
					fileId: original.id,
					previewFileId: preview?.id ?? null,
					thumbFileId: thumb?.id ?? null,
					name,
					revision,
					sheet: first + page - 1,
					page,
					uploadedBy: actor.userId
				})
				.returning({ id: renovationDocuments.id });
			ids.push(row!.id);
		}
		return { data: { kind: 'drawing', name, revision, sheets: [first, first + sheets.count - 1] }, result: ids };
	});
}

/** A document posted with the plain form: its size is checked before its bytes are read (a file over the limit was not kept). */
export async function addPostedDocument(actor: Actor, applicationId: string, kind: unknown, file: unknown): Promise<string[]> {
	await assertMayUpload(actor, applicationId);
	if (!renovationDocumentKinds.includes(kind as DocumentKind)) throw new InputError('kind', m.renovations_upload_kind_invalid());
	if (!(file instanceof File) || (file.size === 0 && file.name === '')) throw new InputError('file', m.renovations_upload_choose());
	checkDocumentSize(file.name, file.size);
	return addDocument(actor, applicationId, { kind: kind as DocumentKind, name: file.name, data: new Uint8Array(await file.arrayBuffer()) });
}
