import { lagByPartition } from './topic-inspection';

it('is end offset minus committed offset per partition; never committed counts from the start', () => {
  const ends = [
    { partition: 2, high: '10' },
    { partition: 0, high: '7' },
    { partition: 1, high: '5' },
  ];
  const committed = [
    { partition: 0, offset: '7' },
    { partition: 1, offset: '-1' },
    { partition: 2, offset: '4' },
  ];
  expect(lagByPartition(ends, committed)).toEqual([
    { partition: 0, lag: 0 },
    { partition: 1, lag: 5 },
    { partition: 2, lag: 6 },
  ]);
});
