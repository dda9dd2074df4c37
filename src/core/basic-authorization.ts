/** The `Authorization` value for HTTP Basic auth (the MLflow client and the dataset HEAD check send it). */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
