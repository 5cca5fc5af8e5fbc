import { followJob } from './reports.js';

/** A server whose job is "active" `activeFor` times, then completed; it counts the questions. */
function fakeServer(activeFor: number) {
  const asked: string[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (url: string) => {
    asked.push(url);
    const body = JSON.stringify({ status: asked.length > activeFor ? 'completed' : 'active' });
    return { ok: true, status: 200, text: async () => body } as Response;
  }) as typeof fetch;
  return { asked, restore: () => (globalThis.fetch = realFetch) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('followJob (the 月报 page waiting for the worker)', () => {
  it('asks until the job is completed', async () => {
    const server = fakeServer(2);
    try {
      await expect(followJob('report:2030-02', new AbortController().signal, 5, 10)).resolves.toBe('completed');
      expect(server.asked).toEqual(Array(3).fill('/api/reports/jobs/report%3A2030-02'));
    } finally {
      server.restore();
    }
  });

  it('gives up after the given number of questions', async () => {
    const server = fakeServer(100);
    try {
      await expect(followJob('j', new AbortController().signal, 1, 4)).resolves.toBe('slow');
      expect(server.asked).toHaveLength(4);
    } finally {
      server.restore();
    }
  });

  it('stops asking, at once, when the user leaves the page', async () => {
    const server = fakeServer(100);
    const controller = new AbortController();
    try {
      const result = followJob('j', controller.signal, 20, 50);
      await sleep(50);
      const before = server.asked.length;
      expect(before).toBeGreaterThan(0);
      controller.abort();
      await expect(result).resolves.toBe('aborted');
      await sleep(80);
      expect(server.asked).toHaveLength(before);
    } finally {
      server.restore();
    }
  });
});
