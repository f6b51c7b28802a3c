// The API on this origin. The key lives in this tab's session storage and travels only in the
// X-API-Key header: never in a URL, a cookie or a log.

const KEY = "adreel.apiKey";

export class ApiError extends Error {
  constructor(status, body) {
    super(body.reason || body.error || `Request failed (${status})`);
    this.status = status;
    this.code = body.error;
    this.retryAfter = Number(body.retryAfter) || 0;
  }
}

export const key = {
  get: () => sessionStorage.getItem(KEY),
  set: (value) => sessionStorage.setItem(KEY, value),
  clear: () => sessionStorage.removeItem(KEY),
};

export async function call(method, path, body, contentType = "application/json") {
  const headers = {"X-API-Key": key.get() || ""};
  let payload = body;
  if (body !== undefined && contentType === "application/json") payload = JSON.stringify(body);
  if (body !== undefined) headers["Content-Type"] = contentType;
  let response;
  try {
    response = await fetch(path, {method, headers, body: payload, credentials: "omit", cache: "no-store"});
  } catch {
    throw new ApiError(0, {error: "adreel could not be reached. Check your connection and try again."});
  }
  const text = await response.text();
  let data = {};
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    data = {error: `Unexpected answer (${response.status})`};
  }
  if (!response.ok) {
    if (response.status === 429 && !data.retryAfter) data.retryAfter = response.headers.get("Retry-After");
    throw new ApiError(response.status, data);
  }
  return data;
}

export const get = (path) => call("GET", path);
export const post = (path, body) => call("POST", path, body);
