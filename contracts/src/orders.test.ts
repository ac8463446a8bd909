import { orderIdOfWorkflow, shipmentWorkflowIdFor, workflowIdFor } from './orders';

it("finds the order of an order's workflow and of its shipment children, and of nothing else", () => {
  const orderId = '5b0c6a2e-0d7e-4f43-9c1a-2a1f0b6c9d11';
  expect(orderIdOfWorkflow(workflowIdFor(orderId))).toBe(orderId);
  expect(orderIdOfWorkflow(shipmentWorkflowIdFor(orderId, 'WH-EAST'))).toBe(orderId);
  expect(orderIdOfWorkflow('some-other-workflow')).toBeUndefined();
});
