// Request log lines without secrets: the live stream (EventSource) takes a session token in its query string.
export function redactedRequest(request: { method: string; url: string; ip?: string }) {
  return {
    method: request.method,
    url: request.url.replace(/([?&]access_token=)[^&]*/g, '$1***'),
    remoteAddress: request.ip,
  };
}
