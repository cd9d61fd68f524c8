import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';

const TEAM_NAME_MAX = 100;

const teamName = z
	.string()
	.trim()
	.min(1, { error: () => m.field_required() })
	.max(TEAM_NAME_MAX);
const id = z.uuid({ error: () => m.field_required() });

/** A new engineering team (維修組) of one estate. */
export const teamCreateSchema = z.object({ estateId: id, name: teamName });
export type TeamCreateInput = z.output<typeof teamCreateSchema>;

export const teamRenameSchema = z.object({ teamId: id, name: teamName });
export type TeamRenameInput = z.output<typeof teamRenameSchema>;

export const teamMemberSchema = z.object({ teamId: id, userId: id });
export type TeamMemberInput = z.output<typeof teamMemberSchema>;
