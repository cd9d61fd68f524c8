/** Where a write came from, for the audit log. */
export interface AuditContext {
	ip?: string;
}
