import { durationSetting } from '@omniflow/lib';

/** Inventory's own settings, beside every participant's. */
export const inventoryConfig = {
  /** How often every SKU's availability is republished (availability.ts): the longest a lost message leaves a gateway wrong. */
  AVAILABILITY_REFRESH_INTERVAL: durationSetting('30s'),
};
