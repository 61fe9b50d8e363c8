import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, FAILURE, startDashboard, type DashboardFixture } from './queue-dashboard-fixture.js';

let board: DashboardFixture | undefined;
afterEach(async () => {
  await board?.close();
  board = undefined;
});

const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };

interface QueuesAnswer {
  queues: {
    name: string;
    readOnlyMode: boolean;
    counts: Record<string, number>;
    jobs: { id: string; failedReason?: string }[];
  }[];
}

/** The dashboard's own API call for the user queue's failed jobs. */
const failedJobsUrl = (b: DashboardFixture) =>
  `${b.base}/admin/queues/api/queues?activeQueue=${b.names.user}&status=failed&page=1`;

async function signIn(b: DashboardFixture, token: string): Promise<Response> {
  return fetch(`${b.base}/admin/queues/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString(),
    redirect: 'manual',
  });
}

describe('queue dashboard over HTTP', () => {
  it('refuses requests without the token and shows no queue data', async () => {
    board = await startDashboard('read');
    const b = board;
    const cases: [string, RequestInit][] = [
      [failedJobsUrl(b), {}],
      [failedJobsUrl(b), { headers: { authorization: 'Bearer not-the-admin-token-at-all' } }],
      [failedJobsUrl(b), { headers: { cookie: 'desk_admin_queues=forged' } }],
      // The token itself is not a session cookie.
      [failedJobsUrl(b), { headers: { cookie: `desk_admin_queues=${ADMIN_TOKEN}` } }],
      [`${b.base}/admin/queues/api/queues/${b.names.user}/${b.failedJobId}/retry`, { method: 'PUT' }],
    ];
    for (const [url, init] of cases) {
      const res = await fetch(url, init);
      expect(res.status).toBe(401);
      const text = await res.text();
      expect(text).not.toContain(b.names.user);
      expect(text).not.toContain(FAILURE);
    }
  });

  it('shows a browser without the token a sign-in form, and a wrong token the form again', async () => {
    board = await startDashboard('read');
    const page = await fetch(`${board.base}/admin/queues`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(401);
    const html = await page.text();
    expect(html).toContain('<form method="post" action="/admin/queues/sign-in">');
    expect(html).not.toContain(board.names.user);

    const wrong = await signIn(board, 'not-the-admin-token-at-all');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(await wrong.text()).toContain('That token is not the right one.');
  });

  it('with the bearer token, lists the desk queues and the job that failed for good', async () => {
    board = await startDashboard('read');
    const res = await fetch(failedJobsUrl(board), { headers: bearer });
    expect(res.status).toBe(200);
    const { queues } = (await res.json()) as QueuesAnswer;
    expect(queues.map((q) => q.name).sort()).toEqual([board.names.staff, board.names.user].sort());
    const user = queues.find((q) => q.name === board!.names.user)!;
    expect(user.readOnlyMode).toBe(true);
    expect(user.counts.failed).toBe(1);
    expect(user.jobs).toEqual([expect.objectContaining({ id: board.failedJobId, failedReason: FAILURE })]);
  });

  it('signs a browser in with an HttpOnly, SameSite=Strict cookie that is not the token', async () => {
    const lines: string[] = [];
    board = await startDashboard(
      'read',
      pino({ level: 'trace' }, { write: (l: string) => void lines.push(l) }),
    );
    await signIn(board, 'not-the-admin-token-at-all');
    const res = await signIn(board, ADMIN_TOKEN);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/queues');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(
      /^desk_admin_queues=[\w-]+; Path=\/admin\/queues; Max-Age=\d+; HttpOnly; SameSite=Strict$/,
    );
    expect(cookie).not.toContain(ADMIN_TOKEN);

    const session = cookie.split(';')[0]!;
    const page = await fetch(`${board.base}/admin/queues`, { headers: { cookie: session } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<base href="/admin/queues/"');
    const api = await fetch(failedJobsUrl(board), { headers: { cookie: session } });
    expect(((await api.json()) as QueuesAnswer).queues).toHaveLength(2);

    expect(lines.some((l) => l.includes('wrong token refused'))).toBe(true);
    expect(lines.join('\n')).not.toContain(ADMIN_TOKEN);
  });

  it('read-only by default: retry and remove are refused and the job stays failed', async () => {
    board = await startDashboard('read');
    const job = `${board.base}/admin/queues/api/queues/${board.names.user}/${board.failedJobId}`;
    for (const action of ['retry', 'clean']) {
      const res = await fetch(`${job}/${action}`, { method: 'PUT', headers: bearer });
      expect(res.status).toBe(405);
    }
    expect(await board.queues.user.getJobState(board.failedJobId)).toBe('failed');
  });

  it('ADMIN_QUEUES=write lets the admin retry a failed job', async () => {
    board = await startDashboard('write');
    const res = await fetch(
      `${board.base}/admin/queues/api/queues/${board.names.user}/${board.failedJobId}/retry`,
      { method: 'PUT', headers: bearer },
    );
    expect(res.status).toBe(204);
    expect(await board.queues.user.getJobState(board.failedJobId)).toBe('waiting');
  });
});
