import { expect, it } from 'vitest';
import { hrefOf, parseRoute, type Route } from './route';

const ID = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';

it.each<[string, Route]>([
  ['', { page: 'orders', status: null }],
  ['#/orders', { page: 'orders', status: null }],
  ['#/orders?status=PENDING_REVIEW', { page: 'orders', status: 'PENDING_REVIEW' }],
  [`#/orders/${ID}`, { page: 'order', orderId: ID }],
  ['#/review', { page: 'review' }],
  ['#/inventory', { page: 'inventory' }],
  ['#/orders/not-an-id', { page: 'orders', status: null }],
  ['#/somewhere/else', { page: 'orders', status: null }],
])('reads %j as %j', (hash, route) => {
  expect(parseRoute(hash)).toEqual(route);
});

it.each<Route>([{ page: 'orders', status: null }, { page: 'orders', status: 'REJECTED' }, { page: 'order', orderId: ID }, { page: 'review' }, { page: 'inventory' }])(
  'links to %j and reads the link back',
  (route) => {
    expect(parseRoute(hrefOf(route))).toEqual(route);
  },
);
