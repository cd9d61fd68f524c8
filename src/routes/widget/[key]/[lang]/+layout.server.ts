import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { toLocale } from '#lib/paraglide/runtime.js';
import { publicWidget } from '#lib/server/widget/settings.ts';

// The public widget, framed on the estate's own site: no account, no cookie, no JavaScript but
// the frame script that sizes the panel. Every form posts as it is and the server answers the page.
export const csr = false;

export const load = (async ({ params }) => {
	const widget = await publicWidget(params.key);
	if (!widget || !toLocale(params.lang)) error(404, 'Not found');
	return {
		estateName: widget.estateName,
		accentColour: widget.accentColour,
		base: `/widget/${widget.publicKey}/${params.lang}`
	};
}) satisfies LayoutServerLoad;
