/**
 * The size of one chunk of a resumable upload (tus), shared by the browser, which sends no more
 * in one request, and the server, which takes no more: a dropped connection then costs at most
 * what was in flight, and no proxy sees a 50 MB body.
 */
export const RESUMABLE_CHUNK_BYTES = 4 * 1024 * 1024;
