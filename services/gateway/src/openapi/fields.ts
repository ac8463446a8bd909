/** Fields that several response bodies share, declared once so that each reads the same wherever it appears. */
import { z } from 'zod/v4';
import { ORDER_STATUSES } from '@omniflow/contracts/orders';
import { OFFSET } from '../admin/topic-routes';
import { SUBJECT } from '../auth/caller';
import { CONSOLE_ROLES } from '../auth/console-users';

/** A component of its own (OrderStatus): the list of statuses is long and the same in every body. */
export const orderStatus = z.enum(ORDER_STATUSES);
export const orderId = z.uuid();
/** Major units of the order's currency, e.g. 500 or 249.99. */
export const amount = z.number().min(0);
export const timestamp = z.iso.datetime();
export const count = z.int().min(0);
export const subject = z.string().regex(SUBJECT);
export const staffRole = z.enum(CONSOLE_ROLES);
/** Kafka offsets are 64-bit: as strings, since JSON numbers lose precision past 2^53. */
export const offset = z.string().regex(OFFSET);
export const reason = z.string().nullable();
