/**
 * Removes the user-info part (`user:password@`, or a token used as user name) from a URL-style git remote
 * (`https://`, `ssh://`, `git://`…), and any query string. scp-style remotes (`git@host:org/repo.git`) are
 * kept: their user is the SSH login, never a secret.
 */
export function stripUrlCredentials(url: string): string {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*@)?([^?#]*)/.exec(url);
  if (match === null) return url;
  return `${match[1] as string}${match[3] as string}`;
}
