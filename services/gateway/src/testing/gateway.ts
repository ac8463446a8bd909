/**
 * The gateway over HTTP with every back end faked: unit tests see exactly what the routes send to Temporal
 * and the read model. Test support only: tsconfig.json leaves this folder out of the build.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { OrderChanged, StockLevel } from '@omniflow/contracts';
import {
  CANCELLABLE_STATUSES,
  TERMINAL_STATUSES,
  UpdateRejection,
  type AuditRequest,
  type CancelRequest,
  type OrderPolicy,
  type OrderView,
  type OrderWorkflowInput,
  placedOrder,
} from '@omniflow/contracts/orders';
import type { ReadableMessage, TopicSummary } from '@omniflow/lib';
import { hashPassword, signToken, type Role } from '@omniflow/lib/auth';
import type { OrderFilter } from '@omniflow/lib/orders-read-model';
import type { OrderFeed, StockSource, TopicInspector } from '../admin/admin-deps';
import type { SoldOutCheck } from '../availability/book';
import { createApp, type AppDeps } from '../app';
import type { ConsoleUsers } from '../auth/console-users';
import type { Catalog } from '../catalog/catalog';
import { HttpError } from '../http/errors';
import type { OrderDirectory } from '../orders/directory';
import type { OrderWorkflows, StartOutcome, UpdateOutcome } from '../orders/workflow-client';

export const SECRET = 'unit-test-secret-that-is-long-enough-for-hs256';
export const POLICY: OrderPolicy = { reviewThresholdCents: 10_000_00, reviewTimeoutMs: 1_800_000, paymentTimeoutMs: 600_000, replyTimeoutMs: 15_000 };

const prices: Record<string, number> = { iPhone15: 500_00, MacPro: 20_000_00, AirPods: 249_00 };
export const catalog: Catalog = {
  async price(lines) {
    const unknown = lines.filter((line) => !(line.sku in prices));
    if (unknown.length) throw new HttpError(422, 'unknown_sku', `not in the catalog: ${unknown.map((l) => l.sku).join(', ')}`);
    return lines.map((line) => ({ ...line, unitPriceCents: prices[line.sku]! }));
  },
};

/** An order as the workflow would show it just after it started, or (`status`) as if it had just reached it. */
export function viewOf(input: Omit<OrderWorkflowInput, 'policy'>, status: OrderView['status'] = 'PENDING'): OrderView {
  const placed = placedOrder({ ...input, policy: POLICY }, '2025-01-01T00:00:00.000Z');
  return { ...placed, status, timeline: [{ ...placed.timeline[0]!, status }] };
}

/** Temporal and the read model in memory, following the contract's rules, recording everything sent to them. */
export class FakeOrders implements OrderWorkflows, OrderDirectory {
  readonly orders = new Map<string, OrderView>();
  readonly starts: { input: OrderWorkflowInput; requestHash: string }[] = [];
  readonly updates: { name: 'audit' | 'cancel'; orderId: string; request: AuditRequest | CancelRequest }[] = [];
  readonly listings: OrderFilter[] = [];
  /** What a listing answers: the read model's filtering is SQL, tested on its own. */
  listed: OrderView[] = [];
  /** When set, every Update answers this instead of what the fake workflow's rules decide. */
  updateOutcome: UpdateOutcome | null = null;
  private readonly hashes = new Map<string, string>();

  async start(input: OrderWorkflowInput, requestHash: string): Promise<StartOutcome> {
    const existing = this.hashes.get(input.orderId);
    if (existing !== undefined) return { started: false, requestHash: existing };
    this.starts.push({ input, requestHash });
    this.hashes.set(input.orderId, requestHash);
    this.orders.set(input.orderId, viewOf(input));
    return { started: true };
  }

  async get(orderId: string): Promise<OrderView | undefined> {
    return this.orders.get(orderId);
  }

  async isRunning(orderId: string): Promise<boolean> {
    const order = this.orders.get(orderId);
    return order !== undefined && !TERMINAL_STATUSES.includes(order.status);
  }

  async exists(orderId: string): Promise<boolean> {
    return this.hashes.has(orderId);
  }

  async audit(orderId: string, request: AuditRequest): Promise<UpdateOutcome> {
    this.updates.push({ name: 'audit', orderId, request });
    return this.updateOutcome ?? this.change(orderId, (order) => {
      if (order.status !== 'PENDING_REVIEW') return { kind: 'rejected', type: UpdateRejection.notAwaitingReview };
      const review = { ...request, at: '2025-01-01T00:01:00.000Z' };
      return { kind: 'applied', order: { ...order, status: request.action === 'APPROVE' ? 'PAID' : 'REJECTED', review } };
    });
  }

  async cancel(orderId: string, request: CancelRequest): Promise<UpdateOutcome> {
    this.updates.push({ name: 'cancel', orderId, request });
    return this.updateOutcome ?? this.change(orderId, (order) => {
      if (TERMINAL_STATUSES.includes(order.status)) return { kind: 'closed' };
      if (!CANCELLABLE_STATUSES.includes(order.status)) return { kind: 'rejected', type: UpdateRejection.tooLateToCancel };
      return { kind: 'applied', order: { ...order, status: 'CANCELLED', reason: request.reason } };
    });
  }

  async list(request: OrderFilter): Promise<OrderView[]> {
    this.listings.push(request);
    return this.listed;
  }

  /** Puts an order in place as if it had been placed and run to `status`. */
  seed(orderId: string, customerId: string, status: OrderView['status'] = 'PENDING'): OrderView {
    const lines = [{ sku: 'iPhone15', quantity: 1, unitPriceCents: 500_00 }];
    const order = viewOf({ orderId, customerId, currency: 'USD', lines, totalCents: 500_00, shippingAddress: null }, status);
    this.orders.set(orderId, order);
    return order;
  }

  private change(orderId: string, decide: (order: OrderView) => UpdateOutcome): UpdateOutcome {
    const order = this.orders.get(orderId);
    if (!order) return { kind: 'not_found' };
    const outcome = decide(order);
    if (outcome.kind === 'applied') this.orders.set(orderId, outcome.order);
    return outcome;
  }
}

/** Kafka, the inventory service and the order feed in memory, recording what the admin routes ask of them. */
export class FakeAdmin implements TopicInspector, StockSource, OrderFeed {
  readonly topics = ['test.inventory.commands', 'test.dead-letters'];
  summaries: TopicSummary[] = [{ topic: 'test.inventory.commands', partitions: [{ partition: 0, endOffset: '7' }], lag: { 'test.inventory': 0 } }];
  stored: ReadableMessage[] = [];
  levelsAnswer: StockLevel[] = [{ sku: 'MacPro', warehouseId: 'WH-EAST', available: 9, reserved: 1, shipped: 0 }];
  readonly reads: unknown[][] = [];
  readonly stockReads: (string | null)[] = [];
  private readonly subscribers = new Set<{ onChange: (change: OrderChanged) => void; onEnd: () => void }>();
  /** When set, every topic read waits for it (to hold reads in flight). */
  gate: Promise<void> | null = null;

  async describe(): Promise<TopicSummary[]> {
    return this.summaries;
  }

  async messages(topic: string, filter: { orderId: string | null; limit: number }): Promise<ReadableMessage[]> {
    this.reads.push(['messages', topic, filter]);
    await this.gate;
    return this.stored.filter((message) => message.topic === topic);
  }

  async message(topic: string, partition: number, offset: string): Promise<ReadableMessage | undefined> {
    this.reads.push(['message', topic, partition, offset]);
    await this.gate;
    return this.stored.find((message) => message.topic === topic && message.partition === partition && message.offset === offset);
  }

  async levels(sku: string | null): Promise<StockLevel[]> {
    this.stockReads.push(sku);
    return this.levelsAnswer;
  }

  subscribe(onChange: (change: OrderChanged) => void, onEnd: () => void): () => void {
    const subscriber = { onChange, onEnd };
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  emit(change: OrderChanged): void {
    for (const subscriber of this.subscribers) subscriber.onChange(change);
  }

  end(): void {
    for (const subscriber of this.subscribers) subscriber.onEnd();
  }
}

/** The availability topic's knowledge as a test sets it: the SKUs in `soldOutSkus` are known sold out. */
export class FakeAvailability implements SoldOutCheck {
  readonly soldOutSkus = new Set<string>();
  readonly trusted = true;

  soldOut(skus: string[]): string[] {
    return skus.filter((sku) => this.soldOutSkus.has(sku));
  }
}

export const CONSOLE_PASSWORD = 'a console password for unit tests';
let consoleUsers: Promise<ConsoleUsers> | undefined;
/** audrey (auditor) and otto (operator), both with CONSOLE_PASSWORD; hashed once per test file (scrypt is slow on purpose). */
const makeConsoleUsers = () =>
  (consoleUsers ??= hashPassword(CONSOLE_PASSWORD).then(
    (passwordHash) =>
      new Map([
        ['audrey', { role: 'auditor' as const, passwordHash }],
        ['otto', { role: 'operator' as const, passwordHash }],
      ]),
  ));

/** A built console of one page and one asset, as `vite build` lays it out. */
export function fakeConsoleDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'omniflow-console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>OmniFlow console</title>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  return dir;
}
const CONSOLE_DIR = fakeConsoleDir();

/** Everything createApp needs, as fakes; pass the ones a test looks at. */
export function fakeAppDeps({
  orders = new FakeOrders(),
  admin = new FakeAdmin(),
  availability = new FakeAvailability(),
  users = new Map() as ConsoleUsers,
  consoleDir = CONSOLE_DIR,
}: { orders?: FakeOrders; admin?: FakeAdmin; availability?: FakeAvailability; users?: ConsoleUsers; consoleDir?: string } = {}): AppDeps {
  return {
    ...{ catalog, workflows: orders, directory: orders, availability, policy: POLICY, authSecret: SECRET, users },
    ...{ topics: admin, stock: admin, feed: admin, console: { temporalUiUrl: 'http://temporal-ui.test', temporalNamespace: 'default' }, consoleDir },
  };
}

export const tokenFor = (sub: string, role: Role): string => signToken(SECRET, { sub, role });

export interface Call {
  method?: string;
  /** A bearer token for this subject and role; leave out for a guest. */
  as?: { sub: string; role: Role };
  /** Sent as JSON unless it is already a string; bytes (a Uint8Array) go as they are, with no Content-Type unless `headers` gives one. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Response bodies are the API's JSON; the assertions say what is expected in them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/**
 * Serves the gateway on a free port with fresh fakes for every test; `call` sends a request the way a
 * client would.
 */
export function serveGateway({ consoleDir = CONSOLE_DIR } = {}) {
  let orders: FakeOrders;
  let admin: FakeAdmin;
  let availability: FakeAvailability;
  let server: Server;
  let base: string;
  beforeEach(async () => {
    orders = new FakeOrders();
    admin = new FakeAdmin();
    availability = new FakeAvailability();
    server = createApp(fakeAppDeps({ orders, admin, availability, users: await makeConsoleUsers(), consoleDir }), pino({ level: 'silent' })).listen(
      0,
      '127.0.0.1',
    );
    await new Promise((ready) => server.once('listening', ready));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => {
    server.closeAllConnections();
    return new Promise((done) => server.close(done));
  });

  async function call(path: string, { method = 'GET', as, body, headers = {} }: Call = {}) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body !== undefined && !(body instanceof Uint8Array) && { 'content-type': 'application/json' }),
        ...(as && { authorization: `Bearer ${tokenFor(as.sub, as.role)}` }),
        ...headers,
      },
      body: body === undefined || typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const json = response.headers.get('content-type')?.startsWith('application/json');
    return { status: response.status, headers: response.headers, body: (json && text ? JSON.parse(text) : text || undefined) as Json };
  }

  return {
    /** The fakes behind the current test. */
    get orders(): FakeOrders {
      return orders;
    },
    get admin(): FakeAdmin {
      return admin;
    },
    get availability(): FakeAvailability {
      return availability;
    },
    get base(): string {
      return base;
    },
    call,
  };
}
