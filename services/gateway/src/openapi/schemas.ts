/**
 * The API's bodies, each declared once as zod: the request bodies are the gateway's own validators, the answers
 * are declared beside the paths. document.test.ts checks that real answers match them.
 */
import { credentials } from '../auth/login';
import { shippingAddress } from '../orders/address';
import { orderRequest } from '../orders/request';
import { auditRequest, cancelRequest } from '../orders/update-request';
import { kafkaMessage, kafkaMessageList, stockLevel, stockList, topicList, topicSummary } from './admin-bodies';
import { consoleInfo, loginAnswer } from './console-bodies';
import { errorBody } from './error-body';
import { orderStatus } from './fields';
import { toComponents } from './json-schema';
import { order, orderChange, orderList, placedOrder } from './order-bodies';
import { liveness, readiness } from './service-bodies';

export const schemas = toComponents({
  Error: errorBody,
  OrderStatus: orderStatus,
  ShippingAddress: shippingAddress,
  PlaceOrderRequest: orderRequest,
  PlacedOrder: placedOrder,
  AuditRequest: auditRequest,
  CancelRequest: cancelRequest,
  Order: order,
  OrderList: orderList,
  LoginRequest: credentials,
  Login: loginAnswer,
  ConsoleInfo: consoleInfo,
  TopicSummary: topicSummary,
  TopicList: topicList,
  KafkaMessage: kafkaMessage,
  KafkaMessageList: kafkaMessageList,
  StockLevel: stockLevel,
  StockList: stockList,
  OrderChange: orderChange,
  Liveness: liveness,
  Readiness: readiness,
});
