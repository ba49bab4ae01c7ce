import type { MediaResponse } from '@xjy/shared/media';
import type { CreateReportRequest, ReportDetailResponse } from '@xjy/shared/report';
import { ApiError } from '../services/http';
import { enqueueReport, flushOutbox, OutboxSender, readOutbox, removeFromOutbox, sendQueued } from './report-outbox';

const body = { category: 'traffic', description: '路口逆行', lat: 38.34, lng: 114.68 };
const offline = () => new ApiError('network_error', 0, '网络连接失败');
const media = (id: number): MediaResponse => ({ id, url: `/m/${id}`, thumbUrl: `/t/${id}`, width: 10, height: 10 });

/** A fake server that remembers reports by Idempotency-Key, as the real one does. */
function fakeServer() {
  let nextMedia = 1;
  const reports = new Map<string, { id: number; body: CreateReportRequest }>();
  const state = { online: true, uploads: 0, creates: 0, reports };
  const sender: OutboxSender = {
    upload: jest.fn(async () => {
      if (!state.online) throw offline();
      state.uploads++;
      return media(nextMedia++);
    }),
    create: jest.fn(async (b: CreateReportRequest, key: string) => {
      if (!state.online) throw offline();
      state.creates++;
      if (!reports.has(key)) reports.set(key, { id: reports.size + 100, body: b });
      return { id: reports.get(key)!.id } as ReportDetailResponse;
    }),
  };
  return { state, sender };
}

describe('report outbox', () => {
  beforeEach(() => readOutbox().forEach((i) => removeFromOutbox(i.key)));

  it('keeps a report that cannot be sent and sends it with the same key when the network returns', async () => {
    const { state, sender } = fakeServer();
    state.online = false;
    const item = enqueueReport(body, ['wxfile://a.jpg']);
    await expect(sendQueued(item, sender)).rejects.toThrow('网络连接失败');
    expect(readOutbox()).toEqual([expect.objectContaining({ key: item.key, attempts: 1, lastError: '网络连接失败', refused: null })]);

    state.online = true;
    const result = await flushOutbox(sender);
    expect(result.sent.map((r) => r.id)).toEqual([100]);
    expect(result.kept).toBe(0);
    expect(sender.create).toHaveBeenLastCalledWith({ ...body, mediaIds: [1] }, item.key);
    expect(readOutbox()).toEqual([]);
  });

  it('does not upload a photo twice when the report itself failed after the upload', async () => {
    const { state, sender } = fakeServer();
    (sender.create as jest.Mock).mockImplementationOnce(async () => {
      throw offline();
    });
    const item = enqueueReport(body, ['a.jpg', 'b.jpg']);
    await expect(sendQueued(item, sender)).rejects.toThrow();
    expect(readOutbox()[0].photos.map((p) => p.mediaId)).toEqual([1, 2]);
    await flushOutbox(sender);
    expect(state.uploads).toBe(2);
    expect(sender.create).toHaveBeenLastCalledWith({ ...body, mediaIds: [1, 2] }, item.key);
  });

  it('gets the same report back when the first attempt reached the server but its answer was lost', async () => {
    const { state, sender } = fakeServer();
    const real = sender.create;
    sender.create = jest.fn(async (b, key) => {
      await real(b, key);
      throw offline();
    });
    const item = enqueueReport(body, ['a.jpg']);
    await expect(sendQueued(item, sender)).rejects.toThrow();
    sender.create = real;
    const { sent } = await flushOutbox(sender);
    expect(sent[0].id).toBe(100);
    expect(state.reports.size).toBe(1);
  });

  it('marks a report the server refuses as refused and stops retrying it', async () => {
    const { sender } = fakeServer();
    (sender.create as jest.Mock).mockImplementation(async () => {
      throw new ApiError('validation_failed', 400, '描述太长');
    });
    const item = enqueueReport(body, ['a.jpg']);
    await expect(sendQueued(item, sender)).rejects.toThrow('描述太长');
    expect(readOutbox()[0].refused).toBe('描述太长');
    (sender.create as jest.Mock).mockClear();
    await flushOutbox(sender);
    expect(sender.create).not.toHaveBeenCalled();
  });

  it('sends oldest first and stops at the first network failure, keeping the rest', async () => {
    const { state, sender } = fakeServer();
    const a = enqueueReport(body, ['a.jpg']);
    enqueueReport({ ...body, description: '第二条' }, ['b.jpg']);
    (sender.upload as jest.Mock).mockImplementationOnce(async () => media(50)).mockImplementationOnce(async () => {
      state.online = false;
      throw offline();
    });
    const r = await flushOutbox(sender);
    expect(r.sent).toHaveLength(1);
    expect(r.kept).toBe(1);
    expect(readOutbox().map((i) => i.key)).not.toContain(a.key);
  });
});
