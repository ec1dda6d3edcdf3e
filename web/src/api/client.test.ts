import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient, readCookie } from './client';

interface SentRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
  body: string | undefined;
}

/** A server stand-in: records what the client sent and answers with a real Response. */
function answering(respond: (request: SentRequest) => Response | Promise<Response>) {
  const sent: SentRequest[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const request: SentRequest = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      credentials: init?.credentials,
      body: typeof init?.body === 'string' ? init.body : undefined,
    };
    sent.push(request);
    return respond(request);
  };
  return { sent, fetchFn };
}

const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

const cookies = 'kefu_theme=light; kefu_csrf=tok%2Fen-42; other=1';

describe('api client', () => {
  it('sends the kefu_csrf cookie value as x-csrf-token on writes, never on reads', async () => {
    const server = answering(() => jsonResponse(200, { ok: true }));
    const client = createApiClient({ fetch: server.fetchFn, readCookies: () => cookies });

    await client.get('/api/tickets', { query: { q: '退款', limit: 20, cursor: undefined } });
    await client.post('/api/tickets', { title: '退款未到账' });
    await client.patch('/api/tickets/7', { status: 'closed' });
    await client.delete('/api/tickets/7');

    const [read, ...writes] = server.sent;
    expect(read?.url).toBe('/api/tickets?q=%E9%80%80%E6%AC%BE&limit=20');
    expect(read?.headers['x-csrf-token']).toBeUndefined();
    expect(writes.map((request) => [request.method, request.headers['x-csrf-token']])).toEqual([
      ['POST', 'tok/en-42'],
      ['PATCH', 'tok/en-42'],
      ['DELETE', 'tok/en-42'],
    ]);
    expect(server.sent.every((request) => request.credentials === 'same-origin')).toBe(true);
    expect(writes[0]?.body).toBe('{"title":"退款未到账"}');
    expect(writes[0]?.headers['content-type']).toBe('application/json');
  });

  it('omits the CSRF header when there is no kefu_csrf cookie yet (the login request)', async () => {
    const server = answering(() => jsonResponse(200, {}));
    const client = createApiClient({ fetch: server.fetchFn, readCookies: () => '' });
    await client.post('/api/auth/login', { username: 'ana', password: 'x' });
    expect(server.sent[0]?.headers['x-csrf-token']).toBeUndefined();
  });

  it('returns parsed JSON on success and undefined for 204', async () => {
    const client = createApiClient({
      fetch: answering((request) =>
        request.url.endsWith('/logout') ? new Response(null, { status: 204 }) : jsonResponse(200, { status: 'ok' }),
      ).fetchFn,
      readCookies: () => '',
    });
    await expect(client.get('/api/health')).resolves.toEqual({ status: 'ok' });
    await expect(client.post('/api/auth/logout')).resolves.toBeUndefined();
  });

  it("turns the contract's error shape into an ApiError with every field", async () => {
    const client = createApiClient({
      fetch: answering(() =>
        jsonResponse(400, {
          error: {
            code: 'VALIDATION',
            message: 'Request body is invalid',
            fields: [
              { path: 'customer.phone', message: '手机号格式不正确' },
              { path: 'title', message: '必填' },
            ],
          },
        }),
      ).fetchFn,
      readCookies: () => '',
    });
    const error = await client.post('/api/tickets', {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect([apiError.status, apiError.code, apiError.message]).toEqual([400, 'VALIDATION', 'Request body is invalid']);
    expect(apiError.fieldError('customer.phone')?.message).toBe('手机号格式不正确');
    expect(apiError.fields).toHaveLength(2);
  });

  it('still gives a typed error for a body that is not the error shape (a proxy page, an unknown code)', async () => {
    const client = createApiClient({
      fetch: answering((request) =>
        request.url.includes('gateway')
          ? new Response('<html>502 Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } })
          : jsonResponse(429, { error: { code: 'SLOW_DOWN', message: 'Too many requests' } }),
      ).fetchFn,
      readCookies: () => '',
    });
    await expect(client.get('/api/gateway')).rejects.toMatchObject({ status: 502, code: 'INTERNAL', fields: [] });
    await expect(client.get('/api/other')).rejects.toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
      message: 'Too many requests',
    });
  });

  it('reports a request that got no answer as a NETWORK error', async () => {
    const client = createApiClient({
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      readCookies: () => '',
    });
    await expect(client.get('/api/health')).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
  });

  it('signals a lost session on 401 from ordinary routes, but not from the login form or the session probe', async () => {
    const client = createApiClient({
      fetch: answering(() => jsonResponse(401, { error: { code: 'UNAUTHENTICATED', message: 'Login required' } })).fetchFn,
      readCookies: () => '',
    });
    let signals = 0;
    const unsubscribe = client.onUnauthenticated(() => signals++);

    await client.post('/api/auth/login', { username: 'ana', password: 'wrong' }).catch(() => undefined);
    await client.get('/api/auth/me').catch(() => undefined);
    expect(signals).toBe(0);

    await client.get('/api/tickets').catch(() => undefined);
    expect(signals).toBe(1);

    unsubscribe();
    await client.get('/api/tickets').catch(() => undefined);
    expect(signals).toBe(1);
  });
});

describe('readCookie', () => {
  it('finds a cookie by exact name and decodes it', () => {
    expect(readCookie(cookies, 'kefu_csrf')).toBe('tok/en-42');
    expect(readCookie('xkefu_csrf=no; kefu_csrf=yes', 'kefu_csrf')).toBe('yes');
    expect(readCookie('', 'kefu_csrf')).toBeUndefined();
  });
});
