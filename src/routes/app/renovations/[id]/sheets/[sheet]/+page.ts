// A sheet with its pins and plain answer forms: a phone loads no JavaScript for it.
export const csr = false;
