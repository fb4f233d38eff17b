/**
 * Lists read in one round trip. The driver asks for a first batch of 101 documents and fetches the
 * rest with `getMore` (another command per further batch), so without this a list request's number
 * of commands grows with the list (README.md, rule 2). Lists on request paths are bounded (a
 * county's staff and counsel, a group's records), so they are asked for in one batch; the database
 * still cuts a reply at 16 MiB, far above them. Plain MongoDB honours the same option.
 */
export const ONE_BATCH = 100_000;
