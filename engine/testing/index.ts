export { FakeClock, drive, flushAsync } from './fake-clock.ts';
export { CollectingEventSink } from './collecting-sink.ts';
export { startTestServer, type TestServer, type RecordedRequest, type TestResponse, type TestHandler } from './test-server.ts';
export { TestProbe, createTestNodes } from './test-nodes.ts';
export { workflow } from './workflow-builder.ts';
export { createHarness, compileOrThrow } from './harness.ts';
export { startFakeOpenAi, type FakeOpenAi, type FakeReply, type FakeResponder, type FakeChatRequest } from './fake-openai.ts';
