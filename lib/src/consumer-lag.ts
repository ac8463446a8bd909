import type { Admin } from 'kafkajs';
import type { Registry } from 'prom-client';
import type { Logger } from './logger';
import { registerScrapedGauge } from './scraped-gauge';
import { groupLag } from './topic-inspection';

/** A consumer group of this process and the topics it reads. */
export interface ConsumerGroupTopics {
  groupId: string;
  topics: string[];
}

/** `omniflow_consumer_lag{group,topic,partition}`, measured with the admin client when /metrics is scraped. */
export function registerConsumerLag(registry: Registry, admin: Admin, groups: ConsumerGroupTopics[], logger: Logger): void {
  registerScrapedGauge(
    registry,
    {
      name: 'omniflow_consumer_lag',
      help: "Messages in a partition not yet committed by this process's consumer group, measured when scraped",
      labelNames: ['group', 'topic', 'partition'] as const,
    },
    async () => {
      const perGroup = await Promise.all(
        groups.map(async ({ groupId, topics }) =>
          (await groupLag(admin, groupId, topics)).map(({ topic, partition, lag }) => ({
            labels: { group: groupId, topic, partition: String(partition) },
            value: lag,
          })),
        ),
      );
      return perGroup.flat();
    },
    logger,
  );
}
