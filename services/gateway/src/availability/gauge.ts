import { Gauge, type Registry } from 'prom-client';
import type { SoldOutCheck } from './book';

/** 1 while the gateway acts on what it knows of availability (caught up, Kafka answering), 0 while it admits every order. */
export function registerAvailabilityGauge(registry: Registry, availability: SoldOutCheck): void {
  new Gauge({
    name: 'omniflow_gateway_availability_trusted',
    help: '1 when the gateway refuses orders for SKUs it knows sold out (caught up with the availability topic, Kafka answering); 0 when it admits all',
    registers: [registry],
    collect() {
      this.set(availability.trusted ? 1 : 0);
    },
  });
}
