import { startTracing } from '@omniflow/lib';
import { orderWorkflowOptions } from './worker-options';

const tracing = startTracing('worker-options-test', { asyncContext: false }, {});
afterAll(() => tracing.shutdown());

const bundleOf = (exportsSpans: boolean) => (orderWorkflowOptions({ ...tracing, exportsSpans }).workflowBundle as { codePath: string }).codePath;

it('runs the workflows with OpenTelemetry spans only when spans are exported; otherwise they only pass the trace on', () => {
  expect(bundleOf(true)).toMatch(/workflow-bundle-spans\.js$/);
  expect(bundleOf(false)).toMatch(/workflow-bundle-context\.js$/);
});
