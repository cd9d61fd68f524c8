import { loadProfilePage, profileActions } from './profile-page.server.ts';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals }) => loadProfilePage(locals.actor)) satisfies PageServerLoad;
export const actions = profileActions satisfies Actions;
