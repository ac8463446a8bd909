import type { OrdersReadModel } from '@omniflow/lib/orders-read-model';

/**
 * Where the gateway reads orders without their workflows: lib's orders read model (the orchestrator writes it).
 * Only its reads: the gateway never writes an order's row.
 */
export type OrderDirectory = Pick<OrdersReadModel, 'list' | 'get'>;
