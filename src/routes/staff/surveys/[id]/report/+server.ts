import type { RequestHandler } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { surveyReport } from '#lib/server/surveys/report.ts';

/** The survey's report (PDF), as it stands: final once closed, with the approval on it. */
export const GET: RequestHandler = async ({ locals, params }) => {
	requireSignedIn(locals.actor);
	const { filename, pdf } = await surveyReport(locals.actor, params.id);
	return new Response(Buffer.from(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="${filename}"`,
			'cache-control': 'no-store'
		}
	});
};
