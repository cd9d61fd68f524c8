import { loadProfilePage, profileActions } from '../../app/profile/profile-page.server.ts';
import type { Actions, PageServerLoad } from './$types';

// Staff keep their profile at the same service and page as residents.
export const load = (({ locals }) => loadProfilePage(locals.actor)) satisfies PageServerLoad;
export const actions = profileActions satisfies Actions;
