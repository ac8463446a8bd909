// Everything exported here is registered with the worker as a workflow type.
export { orderWorkflow } from './order';
export { shipmentWorkflow } from './shipment';
