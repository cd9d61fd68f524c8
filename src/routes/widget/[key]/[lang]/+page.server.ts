import type { PageServerLoad } from './$types';
import { isWidgetAction, widgetOr404 } from '#lib/server/widget/settings.ts';

// The loader may narrow the offer (data-actions on the host's tag) to what the estate enables.
export const load = (async ({ params, url }) => {
	const widget = await widgetOr404(params.key);
	const asked = (url.searchParams.get('actions') ?? '').split(/[\s,]+/).filter(isWidgetAction);
	const actions = widget.actions.filter((a) => asked.length === 0 || asked.includes(a));
	return { actions };
}) satisfies PageServerLoad;
