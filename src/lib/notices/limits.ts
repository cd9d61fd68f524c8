/** The most files one notice carries (pages and server: the form says it, the service and the upload route hold to it). */
export const NOTICE_MAX_ATTACHMENTS = 3;
