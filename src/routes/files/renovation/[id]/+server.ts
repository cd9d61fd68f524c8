import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serveFile } from '#lib/server/files/service.ts';
import { renovationFileFor, type DocumentVariant } from '#lib/server/renovations/queries.ts';

const variants: readonly DocumentVariant[] = ['original', 'preview', 'thumb'];

/**
 * A renovation document (?v=preview or ?v=thumb: its sheet drawn as an image), for whoever may
 * see the application. Everyone else — another company, a contractor not invited, a signed-out
 * visitor — gets the same 404, so a document id reveals nothing.
 */
export const GET: RequestHandler = async ({ locals, params, request, url }) => {
	if (!locals.actor) error(404, 'Not found');
	const variant = (url.searchParams.get('v') ?? 'original') as DocumentVariant;
	if (!variants.includes(variant)) error(404, 'Not found');
	const { file, filename } = await renovationFileFor(locals.actor, params.id, variant);
	return serveFile(file, request, { filename });
};
