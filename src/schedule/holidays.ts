/**
 * Public holidays of the People's Republic of China (State Council notices) over the plan's years, the default skip
 * dates: a reminder that falls on one moves to the next working day. Weekend days worked in exchange (调休) are not
 * listed; admins can replace the list with `/plan schedule set skipDates …`.
 */
export const CHINA_PUBLIC_HOLIDAYS: readonly string[] = [
  ...range('2015-01-01', 3),
  ...range('2015-02-18', 7),
  ...range('2015-04-04', 3),
  ...range('2015-05-01', 3),
  ...range('2015-06-20', 3),
  ...range('2015-09-03', 3),
  ...range('2015-09-26', 2),
  ...range('2015-10-01', 7),
  ...range('2016-01-01', 3),
  ...range('2016-02-07', 7),
  ...range('2016-04-02', 3),
  ...range('2016-04-30', 3),
  ...range('2016-06-09', 3),
  ...range('2016-09-15', 3),
  ...range('2016-10-01', 7),
  ...range('2016-12-31', 3),
  ...range('2017-01-27', 7),
  ...range('2017-04-02', 3),
  ...range('2017-04-29', 3),
  ...range('2017-05-28', 3),
  ...range('2017-10-01', 8),
  ...range('2017-12-30', 3),
  ...range('2018-02-15', 7),
];

function range(first: string, count: number): string[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}
