/**
 * Image references as `docker pull` and `docker tag` read them: `[host[:port]/]path[:tag][@digest]`.
 * Only the split matters here (the engine validates the rest): a colon after the last slash starts
 * the tag, so a registry's port is never mistaken for one.
 */

/** A reference cut into repository and tag or digest. */
export type Reference = {
  /** Everything before the tag, registry host included: `127.0.0.1:5000/team/app`. */
  repository: string;
  /** The tag; 'latest' when the reference has neither tag nor digest (as docker does). */
  tag: string;
  /** sha256:… when the reference names a digest (then `tag` is the digest, as the API takes it). */
  digest?: string;
};

/** Splits `reference`, defaulting the tag to latest. Surrounding blanks are dropped. */
export function parseReference(reference: string): Reference {
  const ref = reference.trim();
  const at = ref.indexOf('@');
  if (at !== -1) {
    const digest = ref.slice(at + 1);
    // repo:tag@digest: the digest wins, as with docker pull.
    const named = splitTag(ref.slice(0, at));
    return {repository: named.repository, tag: digest, digest};
  }

  const named = splitTag(ref);
  return {repository: named.repository, tag: named.tag ?? 'latest'};
}

function splitTag(ref: string): {repository: string; tag?: string} {
  const colon = ref.lastIndexOf(':');
  if (colon === -1 || ref.indexOf('/', colon) !== -1) return {repository: ref};
  return {repository: ref.slice(0, colon), tag: ref.slice(colon + 1)};
}
