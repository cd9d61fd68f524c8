import type { PageServerLoad } from './$types';
import { isWidgetAction, widgetOr404 } from '#lib/server/widget/settings.ts';
import { publicNotices } from '#lib/server/notices/public.ts';

// The loader may narrow the offer (data-actions on the host's tag) to what the estate enables.
export const load = (async ({ params, url }) => {
	const widget = await widgetOr404(params.key);
	const asked = (url.searchParams.get('actions') ?? '').split(/[\s,]+/).filter(isWidgetAction);
	const actions = widget.actions.filter((a) => asked.length === 0 || asked.includes(a));
	// The estate's public notices (a water cut, lift maintenance) under the offers.
	const notices = await publicNotices(widget.estateId);
	return { actions, notices, timeZone: widget.timeZone };
}) satisfies PageServerLoad;
