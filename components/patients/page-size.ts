/** Rows per page of the patients list and of a patient's labs: the server's first page and the API's next ones. */
export const PAGE_SIZE = 25;
